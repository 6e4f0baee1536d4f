"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { checkUploads, filesFromForm } from "@/lib/attachments";
import { requireStaff } from "@/lib/auth/session";
import { fieldValuesFromForm } from "@/lib/custom-fields/schema";
import { requestIp } from "@/lib/request";
import { getSettings } from "@/lib/settings";
import { updateTicketFieldValues } from "@/lib/tickets/fields";
import { mergeTickets } from "@/lib/tickets/merge";
import { deleteNote, editNote } from "@/lib/tickets/notes";
import { addParticipant, removeParticipant } from "@/lib/tickets/participants";
import { repliesSince } from "@/lib/tickets/presence";
import { regeneratePublicToken } from "@/lib/tickets/public-link";
import { addNote, addStaffReply } from "@/lib/tickets/replies";
import type { TicketStatusCode } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { noteSchema, staffReplySchema, ticketUpdateSchema } from "@/lib/validation/tickets";

const ticketPath = (ticketId: number) => `/agent/tickets/${ticketId}`;

export async function staffReplyAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const isNote = form.get("kind") === "note";
  const parsed = (isNote ? noteSchema : staffReplySchema).safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    // Someone else answered since this page was loaded: warn before sending on top of it.
    const lastSeen = Number(form.get("lastSeenMessageId") ?? 0);
    if (!isNote && form.get("confirmed") !== "1" && Number.isInteger(lastSeen) && lastSeen > 0) {
      const newer = await repliesSince(actor, ticketId, lastSeen);
      if (newer.length) {
        return {
          ok: false,
          message: `${newer.length === 1 ? "A new reply was" : `${newer.length} new replies were`} added since you opened this ticket. Read it, then send again to confirm.`,
          fieldErrors: { confirm: "needed" },
        };
      }
    }
    const files = await filesFromForm(form.getAll("attachments"));
    checkUploads(files, await getSettings());
    const ip = await requestIp();
    if (isNote) await addNote(actor, ticketId, { message: parsed.data.message, files, ip });
    else {
      const status = "status" in parsed.data ? (parsed.data.status as TicketStatusCode | undefined) : undefined;
      await addStaffReply(actor, ticketId, {
        message: parsed.data.message,
        status,
        files,
        ip,
        appendSignature: form.get("signature") === "on",
      });
    }
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: isNote ? "Note added." : "Reply sent." };
}

/** Absent: unchanged; empty: cleared. */
const nullableId = (value: FormDataEntryValue | null) => (value === null ? undefined : value === "" ? null : value);

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
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Ticket updated." };
}

/** The ticket's custom field values (its department's fields); the domain checks them against the fields. */
export async function updateTicketFieldsAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  let changed: number;
  try {
    changed = (await updateTicketFieldValues(actor, ticketId, fieldValuesFromForm(form))).changes.length;
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: changed ? "Fields saved." : "Nothing changed." };
}

/** Keyboard shortcut and button: close without replying. */
export async function closeTicketAction(ticketId: number): Promise<ActionResult> {
  const actor = await requireStaff();
  try {
    await updateTicket(actor, ticketId, { status: 5 });
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Ticket closed." };
}

const noteEditSchema = z.object({ message: noteSchema.shape.message });

export async function editNoteAction(ticketId: number, noteId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = noteEditSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await editNote(actor, noteId, parsed.data.message);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Note saved." };
}

export async function deleteNoteAction(ticketId: number, noteId: number): Promise<ActionResult> {
  const actor = await requireStaff();
  try {
    await deleteNote(actor, noteId);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Note deleted." };
}

export async function addParticipantAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  try {
    await addParticipant(actor, ticketId, String(form.get("email") ?? ""));
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Added to the ticket." };
}

export async function removeParticipantAction(ticketId: number, email: string): Promise<ActionResult> {
  const actor = await requireStaff();
  try {
    await removeParticipant(actor, ticketId, email);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "Removed." };
}

export async function mergeTicketAction(ticketId: number, form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const target = z.coerce.number({ error: "Enter a ticket number." }).int().positive("Enter a ticket number.").safeParse(String(form.get("targetId") ?? "").replace(/^#/, ""));
  if (!target.success) return { ok: false, message: "Enter the number of the ticket to merge into.", fieldErrors: { targetId: "Enter a ticket number." } };
  let survivor: number;
  try {
    survivor = (await mergeTickets(actor, ticketId, target.data)).targetId;
  } catch (error) {
    return actionError(error);
  }
  redirect(ticketPath(survivor));
}

export async function regenerateLinkAction(ticketId: number): Promise<ActionResult> {
  const actor = await requireStaff();
  try {
    await regeneratePublicToken(actor, ticketId);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(ticketPath(ticketId));
  return { ok: true, message: "A new link was made; the old one no longer works." };
}
