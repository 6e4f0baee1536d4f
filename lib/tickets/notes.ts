import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { messages } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { recordTicketEvent } from "./history";
import { getTicketForStaff } from "./queries";

/** A note may be changed by its author or an admin, on a ticket the actor can see. */
async function editableNote(actor: StaffActor, noteId: number) {
  const [note] = await db
    .select({ id: messages.id, ticketId: messages.ticketId, staffId: messages.staffId })
    .from(messages)
    .where(and(eq(messages.id, noteId), eq(messages.isNote, true)));
  if (!note) throw new AppError("not_found", "Note not found.");
  await getTicketForStaff(actor, note.ticketId);
  if (actor.role !== "admin" && note.staffId !== actor.id) {
    throw new AppError("forbidden", "Only the note's author or an admin can change it.");
  }
  return note;
}

export async function editNote(actor: StaffActor, noteId: number, body: string) {
  const note = await editableNote(actor, noteId);
  await db.transaction(async (tx) => {
    await tx
      .update(messages)
      .set({ body, editedAt: new Date() })
      .where(and(eq(messages.id, note.id), eq(messages.isNote, true)));
    await recordTicketEvent(tx, note.ticketId, { type: "staff", id: actor.id }, "note_edited", { messageId: note.id });
  });
  return { ticketId: note.ticketId };
}

export async function deleteNote(actor: StaffActor, noteId: number) {
  const note = await editableNote(actor, noteId);
  await db.transaction(async (tx) => {
    await tx.delete(messages).where(and(eq(messages.id, note.id), eq(messages.isNote, true)));
    await recordTicketEvent(tx, note.ticketId, { type: "staff", id: actor.id }, "note_deleted", { messageId: note.id });
  });
  return { ticketId: note.ticketId };
}
