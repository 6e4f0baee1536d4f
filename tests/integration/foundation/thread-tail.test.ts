import { describe, expect, it } from "vitest";
import { addCustomerReply, addNote } from "@/lib/tickets/replies";
import { getThread, getThreadTail } from "@/lib/tickets/queries";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

describe("a long thread on the ticket page", () => {
  it("shows the opening message and the latest ones, counting those between; a short thread whole", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, message: "Opening message" });
    for (let i = 1; i <= 6; i++) await addCustomerReply(ticket.id, customer.id, { message: `Reply ${i}`, via: "portal", autoResponse: false });
    await addNote(agent.actor, ticket.id, { message: "A note" });

    const whole = await getThread(ticket.id, { includeNotes: true });
    expect(whole.map((m) => m.body)).toEqual(["Opening message", ...[1, 2, 3, 4, 5, 6].map((i) => `Reply ${i}`), "A note"]);
    const tail = await getThreadTail(ticket.id, { includeNotes: true, latest: 3 });
    expect(tail.hidden).toBe(4);
    expect(tail.messages.map((m) => m.body)).toEqual(["Opening message", "Reply 5", "Reply 6", "A note"]);
    // Customers' doors never count or show notes.
    const publicTail = await getThreadTail(ticket.id, { includeNotes: false, latest: 3 });
    expect(publicTail).toMatchObject({ hidden: 3 });
    expect(publicTail.messages.map((m) => m.body)).toEqual(["Opening message", "Reply 4", "Reply 5", "Reply 6"]);
    expect((await getThreadTail(ticket.id, { includeNotes: true, latest: 7 })).messages).toEqual(whole);
  });
});
