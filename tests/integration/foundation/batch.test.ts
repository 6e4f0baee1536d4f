import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { batchTransaction } from "@/db/batch";
import { messages, ticketHistory, tickets } from "@/db/schema";
import { addCustomerReply } from "@/lib/tickets/replies";
import { makeCustomer, makeDepartment, makeTicket, unique } from "../../support/factories";

const historyOf = (ticketId: number) => db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId));

describe("batched transactions (db/batch.ts)", () => {
  it("send queued writes with the next read, see them in that read, and commit the last ones", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const subject = unique("batched");
    const result = await batchTransaction(async (tx) => {
      tx.queue(sql`UPDATE tickets SET subject = ${subject} WHERE id = ${ticket.id}`);
      const [rows] = await tx.read(sql`SELECT subject FROM tickets WHERE id = ${ticket.id}`);
      tx.queue(sql`INSERT INTO ticket_history (ticket_id, actor_type, action) VALUES (${ticket.id}, 'system', 'batched')`);
      return rows;
    });
    expect(result).toEqual([{ subject }]);
    expect((await historyOf(ticket.id)).map((h) => h.action)).toContain("batched");
  });

  it("roll everything back when a statement fails, including the writes sent before it in the same round trip", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const [before] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    await expect(
      batchTransaction(async (tx) => {
        tx.queue(sql`UPDATE tickets SET subject = 'never' WHERE id = ${ticket.id}`);
        // The message's ticket does not exist: the foreign key refuses it, after the update ran.
        await tx.read(sql`INSERT INTO messages (ticket_id, author_type, body) VALUES (4294967295, 'user', 'x')`);
      }),
    ).rejects.toThrow(/foreign key/i);
    const [after] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(after!.subject).toBe(before!.subject);

    // A failure in the work itself (not in SQL) rolls back what was already sent.
    await expect(
      batchTransaction(async (tx) => {
        await tx.read(sql`UPDATE tickets SET subject = 'never' WHERE id = ${ticket.id}`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const [still] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(still!.subject).toBe(before!.subject);
  });

  it("carry a customer reply's message id to its history row and hand it back", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const { messageId } = await addCustomerReply(ticket.id, customer.id, { message: "Still broken.", via: "api", ip: "203.0.113.9" });
    const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
    expect(message).toMatchObject({ ticketId: ticket.id, userId: customer.id, body: "Still broken.", authorType: "user", ip: "203.0.113.9" });
    const replied = (await historyOf(ticket.id)).find((h) => h.action === "customer_replied");
    expect(replied).toMatchObject({ actorType: "user", actorId: customer.id, ip: "203.0.113.9", details: { messageId, via: "api" } });
  });
});
