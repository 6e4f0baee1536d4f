"use server";

import { redirect } from "next/navigation";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { getUser } from "@/lib/auth/session";
import { fieldValuesFromForm } from "@/lib/custom-fields/schema";
import { enforceRateLimit } from "@/lib/rate-limit";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import { createTicket } from "@/lib/tickets/create";
import { openTicketSchema } from "@/lib/validation/tickets";

export async function openTicketAction(form: FormData): Promise<ActionResult> {
  const parsed = openTicketSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  let ticketId: number;
  try {
    const [settings, user, ip] = await Promise.all([getSettings(), getUser(), requestIp()]);
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, settings);
    const email = user?.email ?? input.email;
    await enforceRateLimit(
      `portal:ticket:ip:${ip}`,
      settings.portalTicketsPerHourPerIp,
      3600,
      "Too many tickets were opened from your network in the last hour. Please try again later.",
    );
    await enforceRateLimit(
      `portal:ticket:email:${email}`,
      settings.portalTicketsPerHourPerEmail,
      3600,
      "Too many tickets were opened for this email address in the last hour. Please try again later.",
    );
    const ticket = await createTicket({
      requester: user ? { userId: user.id } : { email: input.email, fullname: input.fullname },
      departmentId: input.departmentId,
      subject: input.subject,
      message: input.message,
      fieldValues: fieldValuesFromForm(form),
      files,
      source: "web",
      openedBy: user ? { type: "user", id: user.id } : { type: "guest" },
      ip,
    });
    ticketId = ticket.id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/open/submitted?ticket=${ticketId}`);
}
