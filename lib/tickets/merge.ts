import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { attachments, messages, ticketFieldValues, ticketParticipants, tickets, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { recordTicketEvent } from "./history";
import { getTicketForStaff } from "./queries";
import { TicketStatus } from "./status";

/**
 * Merges `sourceId` into `targetId`: the source's messages, attachments and participants move to the
 * target (the source's requester becomes a participant when it is someone else), and the source is
 * closed, pointing to the survivor. Both must be tickets the agent can work on.
 */
export async function mergeTickets(actor: StaffActor, sourceId: number, targetId: number) {
  if (sourceId === targetId) throw new AppError("invalid", "A ticket cannot be merged into itself.", { targetId: "Choose another ticket." });
  const source = await getTicketForStaff(actor, sourceId);
  const target = await getTicketForStaff(actor, targetId).catch(() => {
    throw new AppError("invalid", `Ticket #${targetId} does not exist or is not yours to work on.`, { targetId: "No such ticket." });
  });
  await db.transaction(async (tx) => {
    await tx.update(messages).set({ ticketId: target.id }).where(eq(messages.ticketId, source.id));
    await tx.update(attachments).set({ ticketId: target.id }).where(eq(attachments.ticketId, source.id));
    await tx.execute(
      sql`INSERT IGNORE INTO ${ticketParticipants} (ticket_id, email) SELECT ${target.id}, email FROM ${ticketParticipants} WHERE ticket_id = ${source.id}`,
    );
    if (source.userId !== target.userId) {
      const [requester] = await tx.select({ email: users.email }).from(users).where(eq(users.id, source.userId));
      if (requester) await tx.insert(ticketParticipants).values({ ticketId: target.id, email: requester.email }).onDuplicateKeyUpdate({ set: { email: requester.email } });
    }
    await tx.delete(ticketParticipants).where(eq(ticketParticipants.ticketId, source.id));
    await tx.delete(ticketFieldValues).where(eq(ticketFieldValues.ticketId, source.id));
    const [moved] = await tx
      .select({ replies: sql<string>`COUNT(*)` })
      .from(messages)
      .where(sql`${messages.ticketId} = ${target.id} AND ${messages.isNote} = false`);
    const now = new Date();
    await tx
      .update(tickets)
      .set({ replies: Math.max(0, Number(moved?.replies ?? 1) - 1), lastUpdateAt: now })
      .where(eq(tickets.id, target.id));
    await tx
      .update(tickets)
      .set({ status: TicketStatus.Closed, closedAt: now, lastUpdateAt: now, mergedIntoId: target.id, replies: 0 })
      .where(eq(tickets.id, source.id));
    await recordTicketEvent(tx, target.id, { type: "staff", id: actor.id }, "merged_from", { ticketId: source.id, subject: source.subject });
    await recordTicketEvent(tx, source.id, { type: "staff", id: actor.id }, "merged_into", { ticketId: target.id });
  });
  return { targetId: target.id };
}
