import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { outbox } from "@/db/schema";
import { addCustomerReply } from "@/lib/tickets/replies";
import { updateTicket } from "@/lib/tickets/update";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { makeEmailAddress } from "../../support/mail";

// A reply's mails are written in one statement; these tests pin down what that batch holds.
let department: { id: number };
let agents: Awaited<ReturnType<typeof makeStaff>>[];

beforeAll(async () => {
  department = await makeDepartment();
  await makeEmailAddress({ departmentId: department.id, smtpPort: 2604 });
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
