import { getActor } from "@/lib/auth/session";
import { getAttachment, readAttachmentFile } from "@/lib/attachments";
import { isAppError } from "@/lib/errors";
import { isOnPublicMessage } from "@/lib/tickets/public-link";
import { getTicketForCustomer, getTicketForStaff } from "@/lib/tickets/queries";
import { attachmentResponse } from "@/lib/attachments/response";

/** Downloads for signed-in people: staff within their departments, customers for their own tickets. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const notFound = new Response("Not found", { status: 404 });
  const id = Number((await params).id);
  const actor = await getActor();
  if (!actor || !Number.isInteger(id) || id <= 0) return notFound;
  const attachment = await getAttachment(id);
  if (!attachment) return notFound;
  try {
    if (actor.type === "staff") await getTicketForStaff(actor, attachment.ticketId);
    else {
      await getTicketForCustomer(actor, attachment.ticketId);
      if (!(await isOnPublicMessage(attachment.id))) return notFound;
    }
  } catch (error) {
    if (isAppError(error)) return notFound;
    throw error;
  }
  return attachmentResponse(attachment, await readAttachmentFile(attachment.storageKey));
}
