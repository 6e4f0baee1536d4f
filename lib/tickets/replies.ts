import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { messages, tickets } from "@/db/schema";
import { batchTransaction } from "@/db/batch";
import { attachmentRowsStatements, type IncomingFile, insertAttachmentRows, removeAttachmentFiles, writeAttachmentFiles } from "../attachments";
import { loadStaffActor, type StaffActor, type UserActor } from "../auth/actors";
import { AppError } from "../errors";
import { customerReplyMails, staffReplyMails, ticketContextFromResults, ticketContextReads } from "../mail/notifications";
import { outboxInsert } from "../mail/outbox";
import { getStaffSignature } from "../staff";
import { recordTicketEvent, ticketEventStatement } from "./history";
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
  const format = input.bodyFormat ?? "text";
  const closing = status === TicketStatus.Closed;
  // Two round trips, as a customer reply (db/batch.ts); the reply mail's Message-ID goes on the message
  // with the commit, so the customer's answer threads back to it.
  return withFiles(input.files, (files) =>
    batchTransaction(async (tx) => {
      tx.queue(
        sql`UPDATE tickets SET status = ${status}, replies = replies + 1, last_replier_type = 'staff', last_replier_staff_id = ${actor.id},
          last_update_at = NOW(), first_response_at = COALESCE(first_response_at, NOW()), closed_at = ${closing ? sql`NOW()` : null}
          WHERE id = ${ticketId}`,
        sql`INSERT INTO messages (ticket_id, author_type, staff_id, body, body_format, ip)
          VALUES (${ticketId}, 'staff', ${actor.id}, ${body}, ${format}, ${input.ip ?? null})`,
        sql`SET @message_id = LAST_INSERT_ID()`,
        ...attachmentRowsStatements(ticketId, sql`@message_id`, files),
        ticketEventStatement(
          ticketId,
          { type: "staff", id: actor.id },
          "staff_replied",
          sql`JSON_SET(${JSON.stringify(status !== ticket.status ? { statusFrom: ticket.status, statusTo: status } : {})}, '$.messageId', @message_id)`,
        ),
      );
      const [inserted, ...rest] = await tx.read(
        sql`SELECT @message_id AS id`,
        ...(files.length ? [sql`SELECT id FROM attachments WHERE message_id = @message_id ORDER BY id`] : []),
        ...ticketContextReads(ticketId),
      );
      const attached = files.length ? (rest.shift() as { id: number }[]) : [];
      const messageId = Number((inserted as { id: number | string }[])[0]!.id);
      const reply = await staffReplyMails(await ticketContextFromResults(rest, ticketId), {
        message: { body, format },
        staffName: actor.fullname,
        attachmentIds: attached.map((row) => row.id),
      });
      if (reply.mails.length) tx.queue(outboxInsert(reply.mails).statement);
      if (reply.messageId) tx.queue(sql`UPDATE messages SET email_message_id = ${reply.messageId} WHERE id = ${messageId}`);
      return { messageId, status };
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
  const format = input.bodyFormat ?? "text";
  // Every door's reply: two round trips (db/batch.ts). The writes travel with the read of the mail context,
  // the mails with the commit; the message's id stays in the session until the history row and the
  // attachments have it.
  return withFiles(input.files, (files) =>
    batchTransaction(async (tx) => {
      tx.queue(
        sql`UPDATE tickets SET status = ${TicketStatus.AwaitingReply}, replies = replies + 1, last_replier_type = 'user',
          last_replier_staff_id = NULL, last_update_at = NOW(), closed_at = NULL WHERE id = ${ticketId}`,
        sql`INSERT INTO messages (ticket_id, author_type, user_id, body, body_format, ip, email_message_id)
          VALUES (${ticketId}, 'user', ${userId}, ${input.message}, ${format}, ${input.ip ?? null}, ${input.emailMessageId ?? null})`,
        sql`SET @message_id = LAST_INSERT_ID()`,
        ...attachmentRowsStatements(ticketId, sql`@message_id`, files),
        ticketEventStatement(
          ticketId,
          { type: "user", id: userId },
          "customer_replied",
          sql`JSON_SET(${JSON.stringify({ via: input.via })}, '$.messageId', @message_id)`,
          input.ip,
        ),
      );
      const [inserted, ...context] = await tx.read(sql`SELECT @message_id AS id`, ...ticketContextReads(ticketId));
      const mails = await customerReplyMails(await ticketContextFromResults(context, ticketId), {
        message: { body: input.message, format },
        autoResponse: input.autoResponse ?? true,
      });
      if (mails.length) tx.queue(outboxInsert(mails).statement);
      return { messageId: Number((inserted as { id: number | string }[])[0]!.id) };
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
