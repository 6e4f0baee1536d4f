import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { ticketParticipants } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { emailSchema } from "../validation/auth";
import { recordTicketEvent } from "./history";
import { getTicketForStaff } from "./queries";

/** People copied (CC) on a ticket: they receive staff replies and may reply from the ticket link. */
export function listParticipants(ticketId: number) {
  return db
    .select({ email: ticketParticipants.email })
    .from(ticketParticipants)
    .where(eq(ticketParticipants.ticketId, ticketId))
    .orderBy(asc(ticketParticipants.email));
}

export async function addParticipant(actor: StaffActor, ticketId: number, rawEmail: string) {
  const ticket = await getTicketForStaff(actor, ticketId);
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success) throw new AppError("invalid", "Enter a valid email address.", { email: "Enter a valid email address." });
  const email = parsed.data;
  if (email === ticket.customerEmail) {
    throw new AppError("invalid", "The requester already receives every reply.", { email: "The requester already receives every reply." });
  }
  await db.transaction(async (tx) => {
    await tx.insert(ticketParticipants).values({ ticketId, email }).onDuplicateKeyUpdate({ set: { email } });
    await recordTicketEvent(tx, ticketId, { type: "staff", id: actor.id }, "participant_added", { email });
  });
}

export async function removeParticipant(actor: StaffActor, ticketId: number, email: string) {
  await getTicketForStaff(actor, ticketId);
  await db.transaction(async (tx) => {
    await tx.delete(ticketParticipants).where(and(eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.email, email)));
    await recordTicketEvent(tx, ticketId, { type: "staff", id: actor.id }, "participant_removed", { email });
  });
}
