import { asc, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailAddresses, outbox, ticketParticipants } from "@/db/schema";
import { addCustomerReply, addStaffReply } from "@/lib/tickets/replies";
import { updateTicket } from "@/lib/tickets/update";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { makeEmailAddress } from "../../support/mail";

// A reply's mails are written in one statement; these tests pin down what that batch holds.
let department: { id: number };
let departmentAddress: { id: number; email: string };
let agents: Awaited<ReturnType<typeof makeStaff>>[];

beforeAll(async () => {
  department = await makeDepartment();
  departmentAddress = await makeEmailAddress({ departmentId: department.id, smtpPort: 2604 });
  agents = [];
  for (let i = 0; i < 3; i++) agents.push(await makeStaff({ departmentIds: [department.id] }));
});

const mailsOf = (ticketId: number) => db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.id));

describe("notifications of a customer reply", () => {
  it("acknowledge to the customer and tell every agent of the department, each mail threaded to the customer's last one", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const before = await mailsOf(ticket.id);
    const confirmation = before.find((m) => m.event === "new_ticket_customer")!;
    expect(before.filter((m) => m.event === "new_ticket_staff").map((m) => m.toAddress).sort()).toEqual(agents.map((a) => a.email).sort());

    await addCustomerReply(ticket.id, customer.id, { message: "Any news?", via: "api" });
    const added = (await mailsOf(ticket.id)).slice(before.length);
    expect(added.map((m) => m.event)).toEqual(["autoresponse", "customer_reply_staff", "customer_reply_staff", "customer_reply_staff"]);
    const [ack, ...notices] = added;
    expect(ack!.toAddress).toBe(customer.email);
    expect(ack!.inReplyTo).toBe(confirmation.messageId);
    expect(notices.map((m) => m.toAddress).sort()).toEqual(agents.map((a) => a.email).sort());
    for (const notice of notices) {
      // Staff notices answer the customer's thread (now ending with the acknowledgement), not each other.
      expect(notice.inReplyTo).toBe(ack!.messageId);
      expect(notice.bodyText).toContain("Any news?");
      expect(notice.headers).toMatchObject({ "Auto-Submitted": "auto-generated" });
    }
    expect(new Set(added.map((m) => m.messageId)).size).toBe(added.length);
  });

  it("tell only the assignee when someone is assigned, and no acknowledgement when it is turned off", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    await updateTicket(agents[0]!.actor, ticket.id, { assignedStaffId: agents[1]!.id });
    const count = (await mailsOf(ticket.id)).length;
    await addCustomerReply(ticket.id, customer.id, { message: "Still broken.", via: "email", autoResponse: false });
    const added = (await mailsOf(ticket.id)).slice(count);
    expect(added.map((m) => [m.event, m.toAddress])).toEqual([["customer_reply_staff", agents[1]!.email]]);
  });
});

describe("the mail context of a ticket", () => {
  it("sends from the department's own address (else the default) and copies the participants on a staff reply", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const colleague = `${unique("colleague")}@example.test`;
    await db.insert(ticketParticipants).values({ ticketId: ticket.id, email: colleague });
    const count = (await mailsOf(ticket.id)).length;
    await addStaffReply(agents[0]!.actor, ticket.id, { message: "Fixed on our side." });
    const [reply] = (await mailsOf(ticket.id)).slice(count);
    expect(reply).toMatchObject({ event: "staff_reply", toAddress: customer.email, ccAddress: colleague, emailAddressId: departmentAddress.id });

    // A department without an address of its own sends from the default one.
    const other = await makeDepartment();
    const otherAgent = await makeStaff({ departmentIds: [other.id] });
    const otherTicket = await makeTicket({ userId: customer.id, departmentId: other.id });
    const [fallback] = await db.select({ id: emailAddresses.id }).from(emailAddresses).orderBy(desc(emailAddresses.isDefault), asc(emailAddresses.id)).limit(1);
    const before = (await mailsOf(otherTicket.id)).length;
    await addStaffReply(otherAgent.actor, otherTicket.id, { message: "On it." });
    const [otherReply] = (await mailsOf(otherTicket.id)).slice(before);
    expect(otherReply!.emailAddressId).toBe(fallback!.id);
    expect(otherReply!.emailAddressId).not.toBe(departmentAddress.id);
  });
});
