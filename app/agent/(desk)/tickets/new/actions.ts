"use server";

import { redirect } from "next/navigation";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { requireStaff } from "@/lib/auth/session";
import { fieldValuesFromForm } from "@/lib/custom-fields/schema";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import { createTicket } from "@/lib/tickets/create";
import { staffNewTicketSchema } from "@/lib/validation/tickets";

export async function newTicketAction(form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = staffNewTicketSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  let ticketId: number;
  try {
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, await getSettings());
    const ticket = await createTicket({
      requester: { email: input.email, fullname: input.fullname },
      departmentId: input.departmentId,
      subject: input.subject,
      message: input.message,
      fieldValues: fieldValuesFromForm(form),
      priorityId: input.priorityId ?? null,
      files,
      source: "staff",
      openedBy: { type: "staff", actor },
      notify: input.notify,
      ip: await requestIp(),
    });
    ticketId = ticket.id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/agent/tickets/${ticketId}`);
}
