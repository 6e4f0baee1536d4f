import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages, ticketHistory, tickets } from "@/db/schema";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { expectAllStrings, expectError, expectRecentUnix, expectSuccess, get, makeApiKey, post } from "./support";

const ticketKeys = ["date", "department_id", "department_name", "id", "last_update", "replies", "status", "subject", "user_fullname", "user_id"];

describe("token API: tickets", () => {
  it("lists tickets with integer totals and string fields, and filters by user, department and status", async () => {
    const key = await makeApiKey({ permissions: ["tickets/read", "tickets/update"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const a = await makeTicket({ userId: customer.id, departmentId: department.id, subject: "First" });
    const b = await makeTicket({ userId: customer.id, departmentId: department.id, subject: "Second" });
    await post(`/api/tickets/update/${b.id}`, key.token, { status: "5" });

    const all = await get(`/api/tickets?user_id=${customer.id}`, key.token);
    expectSuccess(all);
    expect(Object.keys(all.body).sort()).toEqual(["pages", "success", "tickets", "total_tickets"]);
    expect(all.body.total_tickets).toBe(2);
    expect(all.body.pages).toBe(1);
    const rows = all.body.tickets as Record<string, string>[];
    rows.forEach(expectAllStrings);
    expect(Object.keys(rows[0]!).sort()).toEqual(ticketKeys);
    expect(rows[0]).toMatchObject({
      id: String(a.id),
      user_id: String(customer.id),
      department_id: String(department.id),
      subject: "First",
      status: "1",
      replies: "0",
      user_fullname: customer.fullname,
      department_name: department.name,
    });
    expectRecentUnix(rows[0]!.date);
    expectRecentUnix(rows[0]!.last_update);

    const closed = await get(`/api/tickets?user_id=${customer.id}&status=5`, key.token);
    expect((closed.body.tickets as { id: string }[]).map((t) => t.id)).toEqual([String(b.id)]);
    const closedAlias = await get(`/api/tickets?user_id=${customer.id}&status_id=5`, key.token);
    expect(closedAlias.body.total_tickets).toBe(1);
    const byDepartment = await get(`/api/tickets?department_id=${department.id}`, key.token);
    expect(byDepartment.body.total_tickets).toBe(2);
    expectError(await get("/api/tickets?status=9", key.token), 200, "Invalid Status ID.");
    expectError(await get("/api/tickets?page=-1", key.token), 200, "Page not found.");
  });

  it("pages tickets by the help desk's page size (25)", async () => {
    const key = await makeApiKey({ permissions: ["tickets/read"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    for (let i = 0; i < 26; i++) await makeTicket({ userId: customer.id, departmentId: department.id });
    const page1 = await get(`/api/tickets?user_id=${customer.id}`, key.token);
    const page2 = await get(`/api/tickets?user_id=${customer.id}&page=2`, key.token);
    expect(page1.body).toMatchObject({ total_tickets: 26, pages: 2 });
    expect((page1.body.tickets as unknown[]).length).toBe(25);
    expect((page2.body.tickets as unknown[]).length).toBe(1);
    const page3 = await get(`/api/tickets?user_id=${customer.id}&page=3`, key.token);
    expect(page3.body.tickets).toEqual([]);
  });

  it("shows a ticket at /show/{id} and /{id}", async () => {
    const key = await makeApiKey({ permissions: ["tickets/read"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, subject: "Printer on fire" });
    for (const path of [`/api/tickets/show/${ticket.id}`, `/api/tickets/${ticket.id}`]) {
      const result = await get(path, key.token);
      expectSuccess(result);
      const row = result.body.ticket as Record<string, string>;
      expectAllStrings(row);
      expect(row).toMatchObject({ id: String(ticket.id), subject: "Printer on fire", status: "1" });
    }
    expectError(await get("/api/tickets/999999999", key.token), 200, "Ticket not found.");
  });

  it("creates a ticket for a user from a form post without any attachment part", async () => {
    const key = await makeApiKey({ permissions: ["tickets/create"] });
    const department = await makeDepartment({ isPrivate: true });
    const customer = await makeCustomer();
    const result = await post("/api/tickets/create", key.token, {
      opener: "user",
      user_id: String(customer.id),
      department_id: String(department.id),
      subject: "Cannot log in",
      body: "Since this morning.",
    });
    expect(result.body).toEqual({ success: 1, ticket_id: expect.any(Number), message: "Ticket was created." });
    const id = result.body.ticket_id as number;
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
    expect(row).toMatchObject({ userId: customer.id, departmentId: department.id, subject: "Cannot log in", source: "api", status: 1 });
    const thread = await db.select().from(messages).where(eq(messages.ticketId, id));
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ authorType: "user", userId: customer.id, body: "Since this morning." });
  });

  it("creates a ticket opened by a staff member, from a JSON body", async () => {
    const key = await makeApiKey({ permissions: ["tickets/create"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const agent = await makeStaff({ departmentIds: [] });
    const result = await post("/api/tickets", key.token, {}, {
      json: { opener: "staff", staff_id: agent.id, user_id: customer.id, department_id: department.id, subject: "Follow-up", body: "We called you." },
    });
    expectSuccess(result);
    const [message] = await db.select().from(messages).where(eq(messages.ticketId, result.body.ticket_id as number));
    expect(message).toMatchObject({ authorType: "staff", staffId: agent.id });
  });

  it("reports missing and invalid fields in HelpDeskZ's words", async () => {
    const key = await makeApiKey({ permissions: ["tickets/create"] });
    const customer = await makeCustomer();
    const department = await makeDepartment();
    expectError(
      await post("/api/tickets/create", key.token, {}),
      200,
      "Opener is missing. User ID is missing. Department ID is missing. Subject is missing. Body is missing.",
    );
    expectError(
      await post("/api/tickets/create", key.token, { opener: "robot", user_id: "abc", department_id: "0", subject: "s", body: "b" }),
      200,
      "Invalid opener. User ID is not valid. Department ID is not valid.",
    );
    expectError(
      await post("/api/tickets/create", key.token, { opener: "user", user_id: "999999999", department_id: "999999999", subject: "s", body: "b" }),
      200,
      "User ID not found. Department ID not found.",
    );
    const base = { user_id: String(customer.id), department_id: String(department.id), subject: "s", body: "b" };
    expectError(await post("/api/tickets/create", key.token, { ...base, opener: "staff" }), 200, "Staff ID is missing.");
    expectError(await post("/api/tickets/create", key.token, { ...base, opener: "staff", staff_id: "x" }), 200, "Invalid Staff ID.");
    const inactive = await makeStaff({ active: false });
    expectError(await post("/api/tickets/create", key.token, { ...base, opener: "staff", staff_id: String(inactive.id) }), 200, "Staff ID not found.");
  });

  it("updates status and department (recorded as the API in the history), and validates both", async () => {
    const key = await makeApiKey({ permissions: ["tickets/update"] });
    const department = await makeDepartment();
    const other = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const result = await post(`/api/tickets/update/${ticket.id}`, key.token, { status: "4", department_id: String(other.id) });
    expect(result.body).toEqual({ success: 1, message: "Ticket was updated." });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: 4, departmentId: other.id });
    const [event] = await db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, ticket.id), eq(ticketHistory.action, "updated")));
    expect(event).toMatchObject({ actorType: "api", actorId: key.id });

    expectSuccess(await post(`/api/tickets/update/${ticket.id}`, key.token, {}));
    expectError(await post(`/api/tickets/update/${ticket.id}`, key.token, { status: "7" }), 200, "Invalid Status ID.");
    expectError(await post(`/api/tickets/update/${ticket.id}`, key.token, { department_id: "999999999" }), 200, "Department ID not found.");
    expectError(await post("/api/tickets/update/999999999", key.token, { status: "2" }), 200, "Ticket not found.");
  });

  it("deletes a ticket with its messages", async () => {
    const key = await makeApiKey({ permissions: ["tickets/delete"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    expect((await post(`/api/tickets/delete/${ticket.id}`, key.token)).body).toEqual({ success: 1, message: "Ticket was removed." });
    expect(await db.select().from(tickets).where(eq(tickets.id, ticket.id))).toEqual([]);
    expect(await db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toEqual([]);
    expectError(await post(`/api/tickets/delete/${ticket.id}`, key.token), 200, "Ticket not found.");
  });
});
