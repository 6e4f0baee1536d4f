import { eq, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { attachments } from "@/db/schema";
import { AppError } from "../errors";
import type { Settings } from "../settings";
import { storage, StorageKeyError } from "../storage";
import { randomToken, sha256 } from "../tokens";
import { sniffContentType } from "./sniff";

/** A file on its way in, from a form, the API or a mail. */
export type IncomingFile = { filename: string; contentType: string; data: Buffer; contentId?: string };

/** Keeps a display name safe for headers and file systems: no paths, no control characters. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || "attachment";
}

const extensionOf = (name: string) => (name.includes(".") ? name.split(".").pop()!.toLowerCase() : "");

/** Applies the admin's attachment rules to what a customer or agent uploads; the message names the file. */
export function checkUploads(files: IncomingFile[], rules: Settings) {
  if (files.length === 0) return;
  if (!rules.attachmentsEnabled) throw new AppError("invalid", "Attachments are not accepted.", { attachments: "Attachments are not accepted." });
  if (files.length > rules.attachmentsMaxCount) {
    const message = `Attach at most ${rules.attachmentsMaxCount} files.`;
    throw new AppError("invalid", message, { attachments: message });
  }
  const allowed = new Set(rules.attachmentsAllowedTypes.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean));
  const maxBytes = rules.attachmentsMaxSizeMb * 1024 * 1024;
  for (const file of files) {
    if (file.data.length > maxBytes) {
      const message = `${file.filename} is larger than ${rules.attachmentsMaxSizeMb} MB.`;
      throw new AppError("invalid", message, { attachments: message });
    }
    if (allowed.size && !allowed.has(extensionOf(file.filename))) {
      const message = `${file.filename}: this file type is not accepted (allowed: ${[...allowed].join(", ")}).`;
      throw new AppError("invalid", message, { attachments: message });
    }
  }
}

/** Stores files before the transaction; returns the rows to insert once ids are known. */
export async function writeAttachmentFiles(files: IncomingFile[]) {
  const now = new Date();
  const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  const written = [];
  for (const file of files) {
    const storageKey = `${folder}/${randomToken(18)}`;
    try {
      await storage().put(storageKey, file.data);
    } catch (error) {
      // Files stored before a failure would belong to no row.
      await removeStoredFiles(written);
      throw error;
    }
    written.push({
      filename: sanitizeFilename(file.filename),
      contentType: sniffContentType(file.contentType, file.data),
      size: file.data.length,
      storageKey,
      sha256: sha256(file.data),
      contentId: file.contentId ?? null,
    });
  }
  return written;
}

export type WrittenFile = Awaited<ReturnType<typeof writeAttachmentFiles>>[number];

export async function removeAttachmentFiles(files: WrittenFile[]) {
  await removeStoredFiles(files);
}

/** Removes stored files by key (rows already deleted, or never inserted); a file already gone is fine. */
export async function removeStoredFiles(files: { storageKey: string }[]) {
  await Promise.all(files.map((f) => storage().delete(f.storageKey)));
}

export async function insertAttachmentRows(tx: Tx, ticketId: number, messageId: number, files: WrittenFile[]) {
  if (files.length) await tx.insert(attachments).values(files.map((f) => ({ ...f, ticketId, messageId })));
}

/** The attachment rows of a message as statements for a batched transaction: none, or one insert. */
export function attachmentRowsStatements(ticketId: number | SQL, messageId: SQL, files: WrittenFile[]) {
  return files.length ? [db.insert(attachments).values(files.map((f) => ({ ...f, ticketId, messageId })))] : [];
}

/** The stored bytes of an attachment; a missing file or a key pointing outside the store is not_found. */
export async function readAttachmentFile(storageKey: string): Promise<Buffer> {
  let data: Buffer | null;
  try {
    data = await storage().get(storageKey);
  } catch (error) {
    if (error instanceof StorageKeyError) throw new AppError("not_found", "Attachment not found.");
    throw error;
  }
  if (!data) throw new AppError("not_found", "Attachment not found.");
  return data;
}

export async function getAttachment(id: number) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row ?? null;
}

/** Turns uploaded Files (forms, multipart API) into IncomingFiles, skipping empty file inputs. */
export async function filesFromForm(values: FormDataEntryValue[]): Promise<IncomingFile[]> {
  const files = values.filter((v): v is File => typeof v !== "string" && v.size > 0);
  return Promise.all(
    files.map(async (f) => ({
      filename: f.name,
      contentType: f.type || "application/octet-stream",
      data: Buffer.from(await f.arrayBuffer()),
    })),
  );
}
