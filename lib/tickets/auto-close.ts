import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import { getSettings } from "../settings";
import { recordTicketEvents } from "./history";
import { TicketStatus } from "./status";

/** Tickets closed per statement: a backlog (the setting just turned on) is worked off in short transactions. */
const BATCH = 200;

/**
 * Closes answered tickets nobody has touched for the admin's "close answered tickets after" hours
 * (0: never). The customer had the last word from staff and did not come back; a reply reopens the
 * ticket as usual. Returns how many were closed.
 */
export async function closeIdleAnsweredTickets(now = new Date()): Promise<number> {
  const { autoCloseHours } = await getSettings();
  if (autoCloseHours <= 0) return 0;
  const cutoff = new Date(now.getTime() - autoCloseHours * 3_600_000);
  const idle = and(eq(tickets.status, TicketStatus.Answered), lt(tickets.lastUpdateAt, cutoff));
  let closed = 0;
  for (;;) {
    const due = await db.select({ id: tickets.id }).from(tickets).where(idle).orderBy(asc(tickets.id)).limit(BATCH);
    if (due.length === 0) return closed;
    closed += await db.transaction(async (tx) => {
      const ids = due.map((row) => row.id);
      // Locked and checked again: a reply that came in since the read keeps its ticket open.
      const still = await tx.select({ id: tickets.id }).from(tickets).where(and(inArray(tickets.id, ids), idle)).for("update");
      if (still.length === 0) return 0;
      const stillIds = still.map((row) => row.id);
      await tx
        .update(tickets)
        .set({ status: TicketStatus.Closed, closedAt: now, lastUpdateAt: now })
        .where(inArray(tickets.id, stillIds));
      await recordTicketEvents(tx, stillIds, { type: "system" }, "closed", { reason: "auto_close", hours: autoCloseHours });
      return stillIds.length;
    });
    if (due.length < BATCH) return closed;
  }
}
