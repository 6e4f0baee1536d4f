"use server";

import { revalidatePath } from "next/cache";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { requireStaff } from "@/lib/auth/session";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import { addNote, addStaffReply } from "@/lib/tickets/replies";
import type { TicketStatusCode } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { noteSchema, staffReplySchema, ticketUpdateSchema } from "@/lib/validation/tickets";

export async function staffReplyAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const isNote = form.get("kind") === "note";
  const parsed = (isNote ? noteSchema : staffReplySchema).safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, await getSettings());
    const ip = await requestIp();
    if (isNote) await addNote(actor, ticketId, { message: parsed.data.message, files, ip });
    else {
      const status = "status" in parsed.data ? (parsed.data.status as TicketStatusCode | undefined) : undefined;
      await addStaffReply(actor, ticketId, { message: parsed.data.message, status, files, ip });
    }
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/agent/tickets/${ticketId}`);
  return { ok: true, message: isNote ? "Note added." : "Reply sent." };
}

const nullableId = (value: FormDataEntryValue | null) => (value === "" || value === null ? null : value);

export async function updateTicketAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = ticketUpdateSchema.safeParse({
    status: form.get("status") ?? undefined,
    departmentId: form.get("departmentId") ?? undefined,
    priorityId: nullableId(form.get("priorityId")),
    assignedStaffId: nullableId(form.get("assignedStaffId")),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateTicket(actor, ticketId, { ...parsed.data, status: parsed.data.status as TicketStatusCode | undefined });
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/agent/tickets/${ticketId}`);
  return { ok: true, message: "Ticket updated." };
}
