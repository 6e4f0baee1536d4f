import { readAttachmentFile } from "@/lib/attachments";
import { attachmentResponse } from "@/lib/attachments/response";
import { getPublicAttachment } from "@/lib/tickets/public-link";

/** Downloads through a ticket link: only files of that ticket's public messages. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string; id: string }> }) {
  const { token, id } = await params;
  const attachmentId = Number(id);
  if (!Number.isInteger(attachmentId) || attachmentId <= 0) return new Response("Not found", { status: 404 });
  const attachment = await getPublicAttachment(token, attachmentId);
  if (!attachment) return new Response("Not found", { status: 404 });
  return attachmentResponse(attachment, await readAttachmentFile(attachment.storageKey));
}
