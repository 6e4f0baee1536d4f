import { and, inArray } from "drizzle-orm";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { assertCan } from "../auth/permissions";
import { AppError, isAppError } from "../errors";
import { deleteTicketsWhere, removeStoredFiles } from "./delete";
import { staffScope } from "./queries";
import { updateTicket, type TicketChanges } from "./update";

export const BULK_LIMIT = 200;

/**
 * Applies the same change to many tickets, each through updateTicket so that department scope,
 * assignment rules and history hold per ticket. Reports how many changed and why others did not.
 */
export async function bulkUpdateTickets(actor: StaffActor, ticketIds: number[], changes: TicketChanges) {
  if (ticketIds.length > BULK_LIMIT) throw new AppError("invalid", `Select at most ${BULK_LIMIT} tickets at once.`);
  let updated = 0;
  const failures: { ticketId: number; message: string }[] = [];
  for (const ticketId of ticketIds) {
    try {
      const { changed } = await updateTicket(actor, ticketId, changes);
      if (Object.keys(changed).length) updated++;
    } catch (error) {
      if (!isAppError(error)) throw error;
      failures.push({ ticketId, message: error.message });
    }
  }
  return { updated, failures };
}

/** Deletes tickets with their threads and files; admins only, and only tickets they can see. */
export async function bulkDeleteTickets(actor: StaffActor, ticketIds: number[]) {
  assertCan(actor, "tickets.delete");
  if (ticketIds.length === 0) return { deleted: 0 };
  if (ticketIds.length > BULK_LIMIT) throw new AppError("invalid", `Select at most ${BULK_LIMIT} tickets at once.`);
  const result = await db.transaction((tx) => deleteTicketsWhere(tx, and(inArray(tickets.id, ticketIds), staffScope(actor))!));
  await removeStoredFiles(result.files);
  return { deleted: result.count };
}
