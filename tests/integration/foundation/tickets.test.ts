import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { organizations, tickets, users } from "@/db/schema";
import { createTicket } from "@/lib/tickets/create";
import { getThread, getTicketForCustomer, getTicketForStaff, listCustomerTickets } from "@/lib/tickets/queries";
import { countQueueViews, listQueue } from "@/lib/tickets/queue";
import { bulkDeleteTickets, bulkUpdateTickets } from "@/lib/tickets/bulk";
import { addCustomerReply, addNote, addStaffReply, closeOwnTicket } from "@/lib/tickets/replies";
import { TicketStatus } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { customerTicketsQuerySchema, queueQuerySchema } from "@/lib/validation/tickets";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";

const queue = (overrides: Record<string, string> = {}) => queueQuerySchema.parse({ view: "all", ...overrides });

describe("opening tickets", () => {
  it("creates the customer, without a password, when a guest opens a ticket with a new email", async () => {
    const department = await makeDepartment();
    const email = uniqueEmail("guest");
    const ticket = await createTicket({
      requester: { email, fullname: "Guest Person" },
      departmentId: department.id,
      subject: "Printer on fire",
      message: "It is smoking.",
      files: [{ filename: "photo.png", contentType: "image/png", data: Buffer.from("png-bytes") }],
      source: "web",
      openedBy: { type: "guest" },
      notify: false,
    });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ fullname: "Guest Person", passwordHash: null });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: TicketStatus.Open, userId: user!.id, source: "web" });
    expect(row!.publicToken.length).toBeGreaterThanOrEqual(22); // >= 128 bits in base64url
    const [first] = await getThread(ticket.id, { includeNotes: false });
    expect(first!.attachments.map((a) => a.filename)).toEqual(["photo.png"]);
  });

  it("attaches a ticket to the existing customer with that email", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await createTicket({
      requester: { email: customer.email.toUpperCase(), fullname: "Someone Else" },
      departmentId: department.id,
      subject: "Again",
      message: "Hello",
      source: "web",
      openedBy: { type: "guest" },
      notify: false,
    });
    expect(ticket.userId).toBe(customer.id);
  });

  it("refuses a private department on the portal with a field message", async () => {
    const hidden = await makeDepartment({ isPrivate: true });
    await expect(
      createTicket({
        requester: { email: uniqueEmail(), fullname: "X" },
        departmentId: hidden.id,
        subject: "s",
        message: "m",
        source: "web",
        openedBy: { type: "guest" },
      }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { departmentId: "Choose a department." } });
  });
});

describe("who sees which ticket", () => {
  it("a customer cannot see another customer's ticket", async () => {
    const department = await makeDepartment();
    const alice = await makeCustomer();
    const bob = await makeCustomer();
    const ticket = await makeTicket({ userId: alice.id, departmentId: department.id });
    await expect(getTicketForCustomer(alice.actor, ticket.id)).resolves.toMatchObject({ id: ticket.id });
    await expect(getTicketForCustomer(bob.actor, ticket.id)).rejects.toMatchObject({ code: "not_found" });
    const bobsList = await listCustomerTickets(bob.actor, customerTicketsQuerySchema.parse({}), 50);
    expect(bobsList.rows.map((r) => r.id)).not.toContain(ticket.id);
    await expect(closeOwnTicket(bob.actor, ticket.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("an agent cannot open, list or change a ticket of a department they do not work in", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const visible = await makeTicket({ userId: customer.id, departmentId: mine.id });
    const hidden = await makeTicket({ userId: customer.id, departmentId: other.id });

    await expect(getTicketForStaff(agent.actor, visible.id)).resolves.toMatchObject({ id: visible.id });
    await expect(getTicketForStaff(agent.actor, hidden.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(addStaffReply(agent.actor, hidden.id, { message: "hi" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateTicket(agent.actor, hidden.id, { status: 5 })).rejects.toMatchObject({ code: "not_found" });

    const listed = await listQueue(agent.actor, queue(), 100);
    expect(listed.rows.map((r) => r.id)).toContain(visible.id);
    expect(listed.rows.map((r) => r.id)).not.toContain(hidden.id);
    const filtered = await listQueue(agent.actor, queue({ department: String(other.id) }), 100);
    expect(filtered.total).toBe(0);

    const admin = await makeStaff({ role: "admin" });
    await expect(getTicketForStaff(admin.actor, hidden.id)).resolves.toMatchObject({ id: hidden.id });
  });

  it("an agent with no department sees nothing", async () => {
    const agent = await makeStaff({ departmentIds: [] });
    const listed = await listQueue(agent.actor, queue(), 10);
    expect(listed.total).toBe(0);
  });
});

describe("working a ticket", () => {
  it("a staff reply answers the ticket; a customer reply reopens it as awaiting reply", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });

    await addStaffReply(agent.actor, ticket.id, { message: "Try turning it off and on." });
    let row = await getTicketForStaff(agent.actor, ticket.id);
    expect(row.status).toBe(TicketStatus.Answered);
    expect(row.replies).toBe(1);

    await addStaffReply(agent.actor, ticket.id, { message: "Closing.", status: TicketStatus.Closed });
    row = await getTicketForStaff(agent.actor, ticket.id);
    expect(row.status).toBe(TicketStatus.Closed);
    expect(row.closedAt).not.toBeNull();

    await addCustomerReply(ticket.id, customer.id, { message: "Still broken!", via: "portal" });
    row = await getTicketForStaff(agent.actor, ticket.id);
    expect(row.status).toBe(TicketStatus.AwaitingReply);
    expect(row.closedAt).toBeNull();
  });

  it("internal notes stay out of the customer's thread and do not change the status", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    await addNote(agent.actor, ticket.id, { message: "Customer is on the legacy plan." });
    const staffThread = await getThread(ticket.id, { includeNotes: true });
    const customerThread = await getThread(ticket.id, { includeNotes: false });
    expect(staffThread.map((m) => m.body)).toContain("Customer is on the legacy plan.");
    expect(customerThread.map((m) => m.body)).not.toContain("Customer is on the legacy plan.");
    expect((await getTicketForStaff(agent.actor, ticket.id)).status).toBe(TicketStatus.Open);
  });

  it("assigns only to staff who work in the ticket's department", async () => {
    const department = await makeDepartment();
    const other = await makeDepartment();
    const admin = await makeStaff({ role: "admin" });
    const insider = await makeStaff({ departmentIds: [department.id] });
    const outsider = await makeStaff({ departmentIds: [other.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    await updateTicket(admin.actor, ticket.id, { assignedStaffId: insider.id });
    expect((await getTicketForStaff(admin.actor, ticket.id)).assignedStaffId).toBe(insider.id);
    await expect(updateTicket(admin.actor, ticket.id, { assignedStaffId: outsider.id })).rejects.toMatchObject({
      fieldErrors: { assignedStaffId: "This agent does not work in the ticket's department." },
    });
    const mine = await listQueue(insider.actor, queue({ view: "mine" }), 10);
    expect(mine.rows.map((r) => r.id)).toEqual([ticket.id]);
  });

  it("finds a ticket by its number or by words of its subject", async () => {
    const department = await makeDepartment();
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, subject: "Zebra crossing lights broken" });
    expect((await listQueue(admin.actor, queue({ q: `#${ticket.id}` }), 10)).rows.map((r) => r.id)).toEqual([ticket.id]);
    expect((await listQueue(admin.actor, queue({ q: "Zebra crossing" }), 10)).rows.map((r) => r.id)).toContain(ticket.id);
    expect((await listQueue(admin.actor, queue({ q: "100%_\\" }), 10)).total).toBe(0);
  });
});

describe("the agent queue", () => {
  it("counts each view over the agent's departments only, and the counts match the lists", async () => {
    const department = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const a = await makeTicket({ userId: customer.id, departmentId: department.id });
    const b = await makeTicket({ userId: customer.id, departmentId: department.id });
    await makeTicket({ userId: customer.id, departmentId: other.id });
    await updateTicket(agent.actor, a.id, { assignedStaffId: agent.id });
    await addStaffReply(agent.actor, b.id, { message: "done", status: TicketStatus.Closed });

    const counts = await countQueueViews(agent.actor, 72);
    expect(counts).toMatchObject({ all: 2, active: 1, mine: 1, unassigned: 0, open: 1, closed: 1, overdue: 0 });
    for (const view of ["all", "active", "mine", "closed"] as const) {
      expect((await listQueue(agent.actor, queue({ view }), 50)).total).toBe(counts[view]);
    }
  });

  it("shows tickets untouched for longer than the overdue hours in the Overdue view", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const stale = await makeTicket({ userId: customer.id, departmentId: department.id });
    const fresh = await makeTicket({ userId: customer.id, departmentId: department.id });
    await db
      .update(tickets)
      .set({ lastUpdateAt: new Date(Date.now() - 5 * 3600_000) })
      .where(eq(tickets.id, stale.id));
    const overdue = await listQueue(agent.actor, queue({ view: "overdue" }), 50, 4);
    expect(overdue.rows.map((r) => r.id)).toEqual([stale.id]);
    expect((await listQueue(agent.actor, queue({ view: "overdue" }), 50, 6)).total).toBe(0);
    expect((await countQueueViews(agent.actor, 4)).overdue).toBe(1);
    void fresh;
  });

  it("finds tickets by words in their messages and by the requester's email", async () => {
    const department = await makeDepartment();
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    const word = unique("quokka").toLowerCase();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, message: `The ${word} module crashed.` });
    expect((await listQueue(admin.actor, queue({ q: word }), 10)).rows.map((r) => r.id)).toEqual([ticket.id]);
    expect((await listQueue(admin.actor, queue({ q: customer.email }), 10)).rows.map((r) => r.id)).toEqual([ticket.id]);
  });

  it("filters by organization and creation date", async () => {
    const department = await makeDepartment();
    const admin = await makeStaff({ role: "admin" });
    const [org] = await db.insert(organizations).values({ name: unique("Org ") }).$returningId();
    const member = await makeCustomer({ organizationId: org!.id });
    const outsider = await makeCustomer();
    const inOrg = await makeTicket({ userId: member.id, departmentId: department.id });
    await makeTicket({ userId: outsider.id, departmentId: department.id });
    const byOrg = await listQueue(admin.actor, queue({ organization: String(org!.id) }), 10);
    expect(byOrg.rows.map((r) => r.id)).toEqual([inOrg.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listQueue(admin.actor, queue({ organization: String(org!.id), createdFrom: today, createdTo: today }), 10)).total).toBe(1);
    expect((await listQueue(admin.actor, queue({ organization: String(org!.id), createdTo: "2000-01-01" }), 10)).total).toBe(0);
  });

  it("applies bulk changes per ticket, skipping tickets outside the agent's departments", async () => {
    const department = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const mine = await makeTicket({ userId: customer.id, departmentId: department.id });
    const theirs = await makeTicket({ userId: customer.id, departmentId: other.id });
    const result = await bulkUpdateTickets(agent.actor, [mine.id, theirs.id], { status: TicketStatus.Closed });
    expect(result.updated).toBe(1);
    expect(result.failures).toEqual([{ ticketId: theirs.id, message: "Ticket not found." }]);
    await expect(bulkDeleteTickets(agent.actor, [mine.id])).rejects.toMatchObject({ code: "not_found" });
    const admin = await makeStaff({ role: "admin" });
    expect(await bulkDeleteTickets(admin.actor, [mine.id, theirs.id])).toEqual({ deleted: 2 });
  });
});
