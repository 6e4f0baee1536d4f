import { sql, type SQL } from "drizzle-orm";
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

/** An actor whose id may be one only the database knows yet (a customer created in the same transaction). */
export type StatementActor = { type: HistoryActor["type"]; id?: number | SQL | null };

/**
 * The history row of an event, as a statement for a batched transaction (db/batch.ts); `details` may be
 * SQL, such as a JSON object that takes an id only the database knows yet.
 */
export function ticketEventStatement(
  ticketId: number | SQL,
  actor: StatementActor,
  action: string,
  details: Record<string, unknown> | SQL | undefined,
  ip?: string | null,
) {
  const detailsValue = details === undefined ? null : "getSQL" in details ? details : JSON.stringify(details);
  return sql`INSERT INTO ticket_history (ticket_id, actor_type, actor_id, action, details, ip) VALUES (${ticketId}, ${actor.type}, ${actor.id ?? null}, ${action}, ${detailsValue}, ${ip ?? null})`;
}
