import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { messages, staff, ticketViewers } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { getTicketForStaff } from "./queries";

/** A heartbeat older than this means the agent has left the ticket. */
const PRESENCE_SECONDS = 45;

/** Records that the agent has the ticket open and returns the other staff who have it open too. */
export async function touchTicketPresence(actor: StaffActor, ticketId: number) {
  await getTicketForStaff(actor, ticketId);
  const now = new Date();
  await db.insert(ticketViewers).values({ ticketId, staffId: actor.id, seenAt: now }).onDuplicateKeyUpdate({ set: { seenAt: now } });
  return db
    .select({ id: staff.id, fullname: staff.fullname })
    .from(ticketViewers)
    .innerJoin(staff, eq(staff.id, ticketViewers.staffId))
    .where(
      and(
        eq(ticketViewers.ticketId, ticketId),
        ne(ticketViewers.staffId, actor.id),
        gt(ticketViewers.seenAt, sql`UTC_TIMESTAMP() - INTERVAL ${PRESENCE_SECONDS} SECOND`),
      ),
    )
    .orderBy(asc(staff.fullname));
}

/**
 * Public replies added by someone else after the message the agent last saw: sending on top of them
 * deserves a warning (two agents answering at once, or a customer adding details).
 */
export async function repliesSince(actor: StaffActor, ticketId: number, lastSeenMessageId: number) {
  return db
    .select({ id: messages.id, authorType: messages.authorType, staffId: messages.staffId })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        gt(messages.id, lastSeenMessageId),
        eq(messages.isNote, false),
        sql`NOT (${messages.authorType} = 'staff' AND ${messages.staffId} <=> ${actor.id})`,
      ),
    );
}
