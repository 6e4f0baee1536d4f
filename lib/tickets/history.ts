import type { Tx } from "@/db";
import { ticketHistory } from "@/db/schema";

export type HistoryActor = { type: "user" | "staff" | "system" | "guest" | "api"; id?: number | null };

export async function recordTicketEvent(
  tx: Tx,
  ticketId: number,
  actor: HistoryActor,
  action: string,
  details?: Record<string, unknown>,
  ip?: string | null,
) {
  await recordTicketEvents(tx, [ticketId], actor, action, details, ip);
}

/** The same event on several tickets, in one statement. */
export async function recordTicketEvents(
  tx: Tx,
  ticketIds: number[],
  actor: HistoryActor,
  action: string,
  details?: Record<string, unknown>,
  ip?: string | null,
) {
  if (ticketIds.length === 0) return;
  await tx.insert(ticketHistory).values(ticketIds.map((ticketId) => ({ ticketId, actorType: actor.type, actorId: actor.id ?? null, action, details, ip })));
}
