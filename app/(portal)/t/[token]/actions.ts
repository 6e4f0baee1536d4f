"use server";

import { revalidatePath } from "next/cache";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import {
  closeViaPublicLink,
  confirmLinkEmail,
  getPublicTicketOrThrow,
  replyViaPublicLink,
} from "@/lib/tickets/public-link";
import { customerReplySchema } from "@/lib/validation/tickets";
import { linkEmailSchema } from "@/lib/validation/portal";
import { forgetLinkEmail, readLinkEmail, rememberLinkEmail } from "./link-cookie";

async function confirmedEmail(token: string) {
  const ticket = await getPublicTicketOrThrow(token);
  const email = await readLinkEmail(ticket.id, token);
  if (!email) throw new AppError("forbidden", "Confirm your email address first.");
  return email;
}

export async function confirmLinkEmailAction(token: string, form: FormData): Promise<ActionResult> {
  const parsed = linkEmailSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const confirmed = await confirmLinkEmail(token, parsed.data.email, await requestIp());
    await rememberLinkEmail(confirmed.ticketId, token, confirmed.email);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/t/${token}`);
  return { ok: true };
}

export async function publicReplyAction(token: string, form: FormData): Promise<ActionResult> {
  const parsed = customerReplySchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const email = await confirmedEmail(token);
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, await getSettings());
    await replyViaPublicLink(token, email, { message: parsed.data.message, files, ip: await requestIp() });
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/t/${token}`);
  return { ok: true, message: "Your reply was sent." };
}

export async function publicCloseAction(token: string): Promise<void> {
  await closeViaPublicLink(token, await confirmedEmail(token), await requestIp());
  revalidatePath(`/t/${token}`);
}

export async function forgetLinkEmailAction(token: string): Promise<void> {
  await forgetLinkEmail(token);
  revalidatePath(`/t/${token}`);
}
