import { sql } from "drizzle-orm";
import { db } from "@/db";
import { batchTransaction } from "@/db/batch";
import type { ticketSources } from "@/db/schema";
import { attachmentRowsStatements, type IncomingFile, removeAttachmentFiles, type WrittenFile, writeAttachmentFiles } from "../attachments";
import type { StaffActor } from "../auth/actors";
import { worksInDepartment } from "../auth/permissions";
import { fieldValuesStatements, listFieldsForDepartment, parseFieldValues, type FieldValue } from "../custom-fields";
import { AppError } from "../errors";
import { ticketContextFromResults, ticketContextReads, ticketCreatedMails } from "../mail/notifications";
import { outboxInsert } from "../mail/outbox";
import { randomToken } from "../tokens";
import { customerInBatch } from "../users";
import { type StatementActor, ticketEventStatement } from "./history";
import { TicketStatus, type TicketStatusCode } from "./status";

export type NewTicket = {
  requester: { email: string; fullname: string } | { userId: number };
  departmentId: number;
  subject: string;
  message: string;
  bodyFormat?: "text" | "html";
  priorityId?: number | null;
  status?: TicketStatusCode;
  files?: IncomingFile[];
  source: (typeof ticketSources)[number];
  /** Who opens it: the portal (guest or signed-in customer), an agent, the API, or the mail door. */
  openedBy: { type: "guest" | "user"; id?: number } | { type: "staff"; actor: StaffActor } | { type: "api" | "system"; id?: number };
  ip?: string | null;
  emailMessageId?: string | null;
  /**
   * The department's custom field values as submitted (`field_<id>` keys), checked against its fields
   * (required, type, options). Doors with a form pass them; mail and the HelpDeskZ-compatible API have
   * no way to fill them, so they leave this out and the ticket is created without them.
   */
  fieldValues?: Record<string, unknown>;
  /** Send the customer the new-ticket mail (default true; the API's notify=0 and loop protection turn it off). */
  notify?: boolean;
};

/** Opens a ticket: the one place every door creates tickets through. */
export async function createTicket(input: NewTicket) {
  // Plain SQL text: every door's new ticket reads it, and the builder cost more than the read.
  const [rows] = (await db.execute(
    sql`SELECT id, is_private AS isPrivate, portal_enabled AS portalEnabled FROM departments WHERE id = ${input.departmentId}`,
  )) as unknown as [{ id: number; isPrivate: number; portalEnabled: number }[]];
  const department = rows[0];
  const fromPortal = input.openedBy.type === "guest" || input.openedBy.type === "user";
  if (!department || (fromPortal && (department.isPrivate || !department.portalEnabled))) {
    throw new AppError("invalid", "Choose a department.", { departmentId: "Choose a department." });
  }
  if (input.openedBy.type === "staff" && !worksInDepartment(input.openedBy.actor, department.id)) {
    throw new AppError("invalid", "You do not work in this department.", { departmentId: "You do not work in this department." });
  }

  let fieldValues: FieldValue[] = [];
  if (input.fieldValues) {
    const parsed = parseFieldValues(await listFieldsForDepartment(department.id), input.fieldValues);
    if (!parsed.ok) throw new AppError("invalid", "Please correct the highlighted fields.", parsed.fieldErrors);
    fieldValues = parsed.values;
  }

  const files = await writeAttachmentFiles(input.files ?? []);
  try {
    try {
      return await insertTicket(input, department.id, fieldValues, files);
    } catch (error) {
      // Another request created the same new customer a moment ago: run again, which now finds it.
      if (!isDuplicateKey(error)) throw error;
      return await insertTicket(input, department.id, fieldValues, files);
    }
  } catch (error) {
    await removeAttachmentFiles(files);
    throw error;
  }
}

const isDuplicateKey = (error: unknown) => (error as { code?: string }).code === "ER_DUP_ENTRY";

/**
 * The ticket's rows and mails in one batched transaction (db/batch.ts): a read for the customer when
 * only an email is known, then the writes with the read of the mail context, then the mails with the
 * commit. New ids stay in the session (@user_id, @ticket_id, @message_id) for the rows that follow.
 */
function insertTicket(input: NewTicket, departmentId: number, fieldValues: FieldValue[], files: WrittenFile[]) {
  return batchTransaction(async (tx) => {
    const user = "userId" in input.requester ? sql`${input.requester.userId}` : await customerInBatch(tx, input.requester);
    const byStaff = input.openedBy.type === "staff" ? input.openedBy.actor : null;
    const publicToken = randomToken();
    const format = input.bodyFormat ?? "text";
    // A guest is recorded as the customer the ticket was opened for.
    const historyActor: StatementActor =
      input.openedBy.type === "staff"
        ? { type: "staff", id: input.openedBy.actor.id }
        : { type: input.openedBy.type, id: input.openedBy.type === "guest" ? user : (input.openedBy.id ?? null) };
    const ticketId = sql`@ticket_id`;
    tx.queue(
      sql`INSERT INTO tickets (public_token, subject, user_id, department_id, priority_id, status, source, last_replier_type, last_replier_staff_id, last_update_at)
        VALUES (${publicToken}, ${input.subject.trim().slice(0, 255) || "(no subject)"}, ${user}, ${departmentId}, ${input.priorityId ?? null},
          ${input.status ?? TicketStatus.Open}, ${input.source}, ${byStaff ? "staff" : "user"}, ${byStaff?.id ?? null}, ${new Date()})`,
      sql`SET @ticket_id = LAST_INSERT_ID()`,
      sql`INSERT INTO messages (ticket_id, author_type, user_id, staff_id, body, body_format, ip, email_message_id)
        VALUES (@ticket_id, ${byStaff ? "staff" : "user"}, ${byStaff ? null : user}, ${byStaff?.id ?? null}, ${input.message}, ${format},
          ${input.ip ?? null}, ${input.emailMessageId ?? null})`,
      sql`SET @message_id = LAST_INSERT_ID()`,
      ...attachmentRowsStatements(ticketId, sql`@message_id`, files),
      ...fieldValuesStatements(ticketId, fieldValues),
      ticketEventStatement(ticketId, historyActor, "created", { source: input.source }, input.ip),
    );
    const [inserted, ...context] = await tx.read(
      sql`SELECT @ticket_id AS ticketId, @message_id AS messageId, ${user} AS userId`,
      ...ticketContextReads(ticketId),
    );
    const mails = await ticketCreatedMails(await ticketContextFromResults(context, ticketId), {
      message: { body: input.message, format },
      emailMessageId: input.emailMessageId,
      notifyCustomer: input.notify ?? true,
      openedByStaffId: byStaff?.id ?? null,
    });
    if (mails.length) tx.queue(outboxInsert(mails).statement);
    const ids = (inserted as { ticketId: number | string; messageId: number | string; userId: number | string }[])[0]!;
    return { id: Number(ids.ticketId), publicToken, userId: Number(ids.userId), messageId: Number(ids.messageId) };
  });
}
