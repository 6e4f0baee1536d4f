import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { messages, tickets } from "@/db/schema";
import { type IncomingFile, insertAttachmentRows, removeAttachmentFiles, writeAttachmentFiles } from "../attachments";
import { loadStaffActor, type StaffActor, type UserActor } from "../auth/actors";
import { AppError } from "../errors";
import { notifyCustomerReply, notifyStaffReply } from "../mail/notifications";
import { getStaffSignature } from "../staff";
import { recordTicketEvent } from "./history";
import { getTicketForCustomer, getTicketForStaff } from "./queries";
import { TicketStatus, type TicketStatusCode } from "./status";

type ReplyInput = { message: string; files?: IncomingFile[]; ip?: string | null; bodyFormat?: "text" | "html" };

/** Files go to disk first; if the database work fails they are removed again. */
async function withFiles<T>(files: IncomingFile[] | undefined, work: (written: Awaited<ReturnType<typeof writeAttachmentFiles>>) => Promise<T>) {
  const written = await writeAttachmentFiles(files ?? []);
  try {
    return await work(written);
  } catch (error) {
    await removeAttachmentFiles(written);
    throw error;
  }
}

// A reply updates its ticket before it inserts the message. The message insert alone takes a shared lock
// on the ticket (its foreign key) and the ticket update then needs an exclusive one: two replies to one
// ticket at the same moment each held the shared lock and waited for the other, a deadlock (found by
// tests/e2e/security/fuzz-api.test.ts). Updating first takes the exclusive lock first, so the second
// reply waits; nothing in the update needs the message.

/** A staff reply: the customer sees it, and the ticket becomes Answered unless the agent chose otherwise. */
export async function addStaffReply(
  actor: StaffActor,
  ticketId: number,
  input: ReplyInput & { status?: TicketStatusCode; appendSignature?: boolean },
) {
  const ticket = await getTicketForStaff(actor, ticketId);
  const status = input.status ?? TicketStatus.Answered;
  const signature = input.appendSignature ? await getStaffSignature(actor.id) : null;
  const body = signature ? `${input.message.trimEnd()}\n\n${signature}` : input.message;
  return withFiles(input.files, (files) =>
    db.transaction(async (tx) => {
      const now = new Date();
      await tx
        .update(tickets)
        .set({
          status,
          replies: sql`${tickets.replies} + 1`,
          lastReplierType: "staff",
          lastReplierStaffId: actor.id,
          lastUpdateAt: now,
          firstResponseAt: sql`COALESCE(${tickets.firstResponseAt}, ${now})`,
          closedAt: status === TicketStatus.Closed ? now : null,
        })
        .where(eq(tickets.id, ticketId));
      const [message] = await tx
        .insert(messages)
        .values({
          ticketId,
          authorType: "staff",
          staffId: actor.id,
          body,
          bodyFormat: input.bodyFormat ?? "text",
          ip: input.ip ?? null,
        })
        .$returningId();
      await insertAttachmentRows(tx, ticketId, message!.id, files);
      await recordTicketEvent(tx, ticketId, { type: "staff", id: actor.id }, "staff_replied", {
        messageId: message!.id,
        ...(status !== ticket.status ? { statusFrom: ticket.status, statusTo: status } : {}),
      });
      await notifyStaffReply(tx, { ticketId, messageId: message!.id, message: { body, format: input.bodyFormat ?? "text" }, staffName: actor.fullname });
      return { messageId: message!.id, status };
    }),
  );
}

/**
 * A staff reply attributed by a trusted door (the token API) to a staff member by id, without a
 * session. The member must exist and be active; the API acts for the help desk as a whole, so the
 * agent's department scope does not apply (as in HelpDeskZ's API).
 */
export async function addStaffReplyAsStaffId(staffId: number, ticketId: number, input: ReplyInput & { status?: TicketStatusCode }) {
  const actor = await loadStaffActor(staffId);
  if (!actor) throw new AppError("not_found", "Staff ID not found.");
  return addStaffReply({ ...actor, role: "admin" }, ticketId, input);
}

/** An internal note: staff only; it changes neither the status nor the reply count. */
export async function addNote(actor: StaffActor, ticketId: number, input: ReplyInput) {
  await getTicketForStaff(actor, ticketId);
  return withFiles(input.files, (files) =>
    db.transaction(async (tx) => {
      const [message] = await tx
        .insert(messages)
        .values({ ticketId, authorType: "staff", staffId: actor.id, isNote: true, body: input.message, ip: input.ip ?? null })
        .$returningId();
      await insertAttachmentRows(tx, ticketId, message!.id, files);
      await recordTicketEvent(tx, ticketId, { type: "staff", id: actor.id }, "note_added", { messageId: message!.id });
      return { messageId: message!.id };
    }),
  );
}

/**
 * A customer's reply, from any door (portal, public link, mail, API). It reopens a closed ticket
 * and waits for staff: the status becomes Awaiting reply, as in HelpDeskZ.
 */
export async function addCustomerReply(
  ticketId: number,
  userId: number,
  input: ReplyInput & {
    via: "portal" | "link" | "email" | "api";
    emailMessageId?: string | null;
    /** The acknowledgement mail to the customer; the mail door turns it off for auto-replies (loop protection). */
    autoResponse?: boolean;
  },
) {
  return withFiles(input.files, (files) =>
    db.transaction(async (tx) => {
      await tx
        .update(tickets)
        .set({
          status: TicketStatus.AwaitingReply,
          replies: sql`${tickets.replies} + 1`,
          lastReplierType: "user",
          lastReplierStaffId: null,
          lastUpdateAt: new Date(),
          closedAt: null,
        })
        .where(eq(tickets.id, ticketId));
      const [message] = await tx
        .insert(messages)
        .values({
          ticketId,
          authorType: "user",
          userId,
          body: input.message,
          bodyFormat: input.bodyFormat ?? "text",
          ip: input.ip ?? null,
          emailMessageId: input.emailMessageId ?? null,
        })
        .$returningId();
      await insertAttachmentRows(tx, ticketId, message!.id, files);
      await recordTicketEvent(tx, ticketId, { type: "user", id: userId }, "customer_replied", { messageId: message!.id, via: input.via }, input.ip);
      await notifyCustomerReply(tx, {
        ticketId,
        message: { body: input.message, format: input.bodyFormat ?? "text" },
        autoResponse: input.autoResponse ?? true,
      });
      return { messageId: message!.id };
    }),
  );
}

export async function replyAsCustomer(actor: UserActor, ticketId: number, input: ReplyInput) {
  await getTicketForCustomer(actor, ticketId);
  return addCustomerReply(ticketId, actor.id, { ...input, via: "portal" });
}

/** Closing by the customer (portal or public link). */
export async function closeTicketAsCustomer(ticketId: number, actor: { type: "user" | "guest"; id: number }, ip?: string | null) {
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(tickets)
      .set({ status: TicketStatus.Closed, closedAt: now, lastUpdateAt: now })
      .where(and(eq(tickets.id, ticketId), sql`${tickets.status} <> ${TicketStatus.Closed}`));
    await recordTicketEvent(tx, ticketId, actor, "closed", undefined, ip);
  });
}

export async function closeOwnTicket(actor: UserActor, ticketId: number, ip?: string | null) {
  await getTicketForCustomer(actor, ticketId);
  await closeTicketAsCustomer(ticketId, { type: "user", id: actor.id }, ip);
}
