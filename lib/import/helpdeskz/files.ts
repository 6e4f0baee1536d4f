// Attachment files: HelpDeskZ keeps each upload in its attachments folder under a random name (`enc`);
// Helpdeck keeps them in its storage (lib/storage: a folder or a bucket) by key. Files are copied (the
// source stays intact) to helpdeskz/<enc>, a key that is the same on every run, so a re-run neither
// duplicates nor re-copies.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { sanitizeFilename } from "@/lib/attachments";
import { storage } from "@/lib/storage";
import type { EntityReport } from "./report";
import type { AttachmentRow } from "./schema";

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const sizeOf = async (file: string) => {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
};

/** The file of an attachment row, copied into Helpdeck's storage; null (reported) when it cannot be. */
export async function copyAttachmentFile(
  row: AttachmentRow,
  sourceDir: string,
  dryRun: boolean,
  report: EntityReport,
): Promise<{
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  sha256: string;
} | null> {
  const enc = row.enc.trim();
  // `enc` is a bare file name; anything else could point outside the folder.
  if (!enc || enc !== path.basename(enc) || enc.startsWith(".")) {
    report.skip("stored file name is not a plain file name", row.id);
    return null;
  }
  const from = path.join(sourceDir, enc);
  const size = await sizeOf(from);
  if (size === null) {
    report.skip("file missing from the attachments folder", row.id);
    return null;
  }
  const declared = Number(row.filesize);
  if (row.filesize && Number.isFinite(declared) && declared !== size)
    report.adjust("recorded size differs from the file: the file's size kept", row.id);
  if (size > 0xffffffff) {
    report.skip("file larger than 4 GB", row.id);
    return null;
  }
  const storageKey = `helpdeskz/${enc}`;
  if (!dryRun) {
    const stored = await storage().size(storageKey);
    if (stored !== size) {
      // A copy cut short by a crash has another size: replaced, since the key is the importer's own.
      if (stored !== null) await storage().delete(storageKey);
      await storage().put(storageKey, await readFile(from));
    }
  }
  return {
    filename: sanitizeFilename(row.name),
    contentType: (row.filetype?.trim() || "application/octet-stream").slice(0, 127),
    size,
    storageKey,
    sha256: dryRun ? "" : await sha256File(from),
  };
}
