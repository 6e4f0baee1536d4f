import { eq } from "drizzle-orm";
import { db } from "@/db";
import { attachments } from "@/db/schema";
import { AppError } from "../errors";
import { removeStoredFiles } from "../tickets/delete";

/** Removes one attachment: its row, then its file. */
export async function deleteAttachment(id: number) {
  const [row] = await db.select({ id: attachments.id, storageKey: attachments.storageKey }).from(attachments).where(eq(attachments.id, id));
  if (!row) throw new AppError("not_found", "Attachment not found.");
  await db.delete(attachments).where(eq(attachments.id, id));
  await removeStoredFiles([row]);
}
