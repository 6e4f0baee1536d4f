"use server";

import { revalidatePath } from "next/cache";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { requireUser } from "@/lib/auth/session";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import { closeOwnTicket, replyAsCustomer } from "@/lib/tickets/replies";
import { customerReplySchema } from "@/lib/validation/tickets";

export async function customerReplyAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = customerReplySchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, await getSettings());
    await replyAsCustomer(user, ticketId, { message: parsed.data.message, files, ip: await requestIp() });
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/account/tickets/${ticketId}`);
  return { ok: true, message: "Your reply was sent." };
}

export async function closeTicketAction(ticketId: number): Promise<void> {
  const user = await requireUser();
  await closeOwnTicket(user, ticketId, await requestIp());
  revalidatePath(`/account/tickets/${ticketId}`);
}
