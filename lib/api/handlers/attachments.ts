import { readAttachmentFile } from "../../attachments";
import { deleteAttachment } from "../../attachments/delete";
import { apiSuccess, ApiFailure, parseId, str } from "../http";
import { getPublicAttachment, listAttachmentRows } from "../queries";
import type { ApiResource } from "./types";

/** Without a filter the list is every attachment: it stops at this many. */
const listLimit = 1000;

function filterParam(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  // A non-numeric filter matches nothing rather than everything.
  return parseId(value.trim()) ?? -1;
}

async function findAttachment(id: string | undefined) {
  const attachmentId = parseId(id);
  const row = attachmentId ? await getPublicAttachment(attachmentId) : null;
  if (!row) throw new ApiFailure("Attachment not found.");
  return row;
}

export const attachmentsResource: ApiResource = {
  async index(ctx) {
    ctx.require("attachments/read");
    const ticketId = filterParam(ctx.query.get("ticket_id"));
    const messageId = filterParam(ctx.query.get("msg_id"));
    if (ticketId === -1 || messageId === -1) return apiSuccess({ files: [] });
    const rows = await listAttachmentRows({ ticketId, messageId }, listLimit);
    return apiSuccess({
      files: rows.map((f) => ({ id: str(f.id), name: f.filename, filetype: f.contentType, msg_id: str(f.messageId), size: str(f.size) })),
    });
  },

  /** The file itself, base64 in JSON, as HelpDeskZ serves it (permission: attachments/download). */
  async show(ctx, id) {
    ctx.require("attachments/download");
    const file = await findAttachment(id);
    let data: Buffer;
    try {
      data = await readAttachmentFile(file.storageKey);
    } catch {
      throw new ApiFailure("File was removed from servers.");
    }
    return apiSuccess({ name: file.filename, filetype: file.contentType, size: str(file.size), content: data.toString("base64") });
  },

  async delete(ctx, id) {
    ctx.require("attachments/delete");
    const file = await findAttachment(id);
    await deleteAttachment(file.id);
    return apiSuccess("File was removed from servers.");
  },
};
