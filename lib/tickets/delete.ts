import { eq, inArray, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { attachments, tickets } from "@/db/schema";
import { removeStoredFiles as removeFiles } from "../attachments";
import { AppError } from "../errors";

/**
 * Deletes the tickets matching `where` inside the caller's transaction: messages, attachments rows,
 * history and custom field values go with them (foreign keys cascade). Returns the files to remove
 * from disk once the transaction has committed.
 */
export async function deleteTicketsWhere(tx: Tx, where: SQL) {
  const ids = (await tx.select({ id: tickets.id }).from(tickets).where(where)).map((t) => t.id);
  if (ids.length === 0) return { count: 0, files: [] as { storageKey: string }[] };
  const files: { storageKey: string }[] = [];
  // In slices, so that a customer with many tickets does not build one huge statement.
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000);
    files.push(...(await tx.select({ storageKey: attachments.storageKey }).from(attachments).where(inArray(attachments.ticketId, slice))));
    await tx.delete(tickets).where(inArray(tickets.id, slice));
  }
  return { count: ids.length, files };
}

/** Removes files of deleted rows; a file already gone is not an error. */
export async function removeStoredFiles(files: { storageKey: string }[]) {
  await removeFiles(files);
}

/** Deletes one ticket with its thread and files. */
export async function deleteTicket(ticketId: number) {
  const result = await db.transaction(async (tx) => {
    const deleted = await deleteTicketsWhere(tx, eq(tickets.id, ticketId));
    if (deleted.count === 0) throw new AppError("not_found", "Ticket not found.");
    return deleted;
  });
  await removeStoredFiles(result.files);
}
