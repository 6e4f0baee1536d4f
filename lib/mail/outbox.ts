import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { EmailEvent } from "@/db/schema";
import { env } from "../env";
import { randomToken } from "../tokens";
import { domainOf } from "./addresses";

/** Mails a person did not write: they carry Auto-Submitted so that autoresponders do not answer them. */
export const automaticEvents: ReadonlySet<string> = new Set<EmailEvent>([
  "new_ticket_customer",
  "autoresponse",
  "new_ticket_staff",
  "customer_reply_staff",
  "assignment",
  "password_reset",
  "invitation",
  "ticket_link",
  "email_change",
  "feedback_status",
]);

/** Events whose mails the customer receives, and whose Message-IDs make up the customer's thread. */
const customerThreadEvents: EmailEvent[] = ["new_ticket_customer", "staff_reply", "autoresponse"];
export const isCustomerThreadEvent = (event: EmailEvent) => customerThreadEvents.includes(event);

export type OutgoingMail = {
  event: EmailEvent;
  ticketId?: number | null;
  emailAddressId?: number | null;
  /** Domain for the Message-ID: the sending address's. */
  fromEmail?: string | null;
  to: string;
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  inReplyTo?: string | null;
  references?: string[];
  attachmentIds?: number[];
  /** Made by the caller when later mails of the same change must thread to this one; else made here. */
  messageId?: string;
  /** Extra headers (e.g. List-Unsubscribe). */
  headers?: Record<string, string>;
};

export const newMessageId = (domain: string, ticketId?: number | null) =>
  `<${ticketId ? `t${ticketId}.` : ""}${randomToken(16)}@${domain}>`;

const fallbackDomain = () => new URL(env.APP_URL).hostname || "localhost";

/** A new Message-ID in the sending address's domain (else the help desk's own). */
export const messageIdFor = (fromEmail: string | null | undefined, ticketId?: number | null) =>
  newMessageId(fromEmail ? domainOf(fromEmail) : fallbackDomain(), ticketId);

/** Writes one mail to the outbox, inside the caller's transaction; the worker sends it. */
export async function enqueueMail(tx: Tx, mail: OutgoingMail) {
  return (await enqueueMails(tx, [mail]))[0]!;
}

/**
 * Writes mails to the outbox in one statement, inside the caller's transaction, in the order given
 * (a reply's notices to a department's agents are one insert, not one per agent).
 */
export async function enqueueMails(tx: Tx, mails: readonly OutgoingMail[]): Promise<{ id: number; messageId: string }[]> {
  if (mails.length === 0) return [];
  const { statement, messageIds } = outboxInsert(mails);
  const [result] = (await tx.execute(statement)) as unknown as [{ insertId: number }];
  // One statement's rows get consecutive ids from the first (InnoDB's auto-increment lock mode guarantees it).
  return messageIds.map((messageId, i) => ({ id: result.insertId + i, messageId }));
}

/**
 * The one statement that queues `mails` (at least one), with the Message-ID of each row. Plain SQL text:
 * drizzle's insert builder spent more CPU building this statement than MariaDB running it.
 */
export function outboxInsert(mails: readonly OutgoingMail[]) {
  const now = new Date();
  const rows = mails.map(outboxRow);
  const values = rows.map(
    (row) =>
      sql`(${row.emailAddressId}, ${row.ticketId}, ${row.event}, ${row.toAddress}, ${row.ccAddress}, ${row.subject}, ${row.bodyText}, ${row.bodyHtml}, ${row.messageId}, ${row.inReplyTo}, ${row.references}, ${JSON.stringify(row.headers)}, ${row.attachmentIds && JSON.stringify(row.attachmentIds)}, 'pending', ${now})`,
  );
  return {
    statement: sql`INSERT INTO outbox (email_address_id, ticket_id, event, to_address, cc_address, subject, body_text, body_html, message_id, in_reply_to, \`references\`, headers, attachment_ids, status, next_attempt_at) VALUES ${sql.join(values, sql`, `)}`,
    messageIds: rows.map((row) => row.messageId),
  };
}

function outboxRow(mail: OutgoingMail) {
  const messageId = mail.messageId ?? messageIdFor(mail.fromEmail, mail.ticketId);
  const headers: Record<string, string> = { ...mail.headers };
  if (automaticEvents.has(mail.event)) {
    headers["Auto-Submitted"] = "auto-generated";
    // Exchange and Outlook honour this instead of Auto-Submitted.
    headers["X-Auto-Response-Suppress"] = "All";
  }
  return {
    event: mail.event,
    ticketId: mail.ticketId ?? null,
    emailAddressId: mail.emailAddressId ?? null,
    toAddress: mail.to.slice(0, 1000),
    ccAddress: mail.cc?.length ? mail.cc.join(", ").slice(0, 2000) : null,
    subject: mail.subject,
    bodyText: mail.text,
    bodyHtml: mail.html,
    messageId,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references?.length ? mail.references.join(" ") : null,
    headers,
    attachmentIds: mail.attachmentIds?.length ? mail.attachmentIds : null,
  };
}

/**
 * The Message-IDs of a ticket's conversation with the customer, oldest first (incoming before ours at the
 * same instant): mails that came in (and staff replies, which carry their outgoing Message-ID) and our
 * automatic mails to the customer. One read of the ticket's mail context (lib/mail/notifications.ts).
 */
export const ticketThreadSql = (ticketId: number | SQL) => sql`
  SELECT UNIX_TIMESTAMP(m.created_at) AS at, 0 AS source, m.id AS seq, m.email_message_id AS messageId
    FROM messages m WHERE m.ticket_id = ${ticketId} AND m.email_message_id IS NOT NULL
  UNION ALL
  SELECT UNIX_TIMESTAMP(o.created_at), 1, o.id, o.message_id
    FROM outbox o WHERE o.ticket_id = ${ticketId} AND o.event IN (${sql.join(customerThreadEvents.map((event) => sql`${event}`), sql`, `)})
  ORDER BY at, source, seq`;

/** The thread `ticketThreadSql` read, each Message-ID once. */
export function threadFromRows(rows: { messageId: string | null }[]): string[] {
  return [...new Set(rows.map((row) => row.messageId).filter((id): id is string => !!id))];
}

/** In-Reply-To the latest mail, References the first one and the most recent ones (kept short). */
export function threadHeaders(thread: string[]) {
  if (thread.length === 0) return { inReplyTo: null, references: [] };
  const references = thread.length > 10 ? [thread[0]!, ...thread.slice(-9)] : thread;
  return { inReplyTo: thread[thread.length - 1]!, references };
}
