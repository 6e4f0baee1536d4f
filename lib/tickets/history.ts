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
  await tx.insert(ticketHistory).values({ ticketId, actorType: actor.type, actorId: actor.id ?? null, action, details, ip });
}
