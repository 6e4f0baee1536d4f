import { eq, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { staff, type EmailEvent } from "@/db/schema";
import { env } from "../env";
import { getCachedSettings } from "../settings";
import { statusLabel, type TicketStatusCode } from "../tickets/status";
import { getSendingAddress, sendingAddressOrder } from "./addresses";
import { htmlToPlainText } from "./html";
import { enqueueMail, enqueueMails, isCustomerThreadEvent, messageIdFor, threadFromRows, threadHeaders, ticketThreadSql, type OutgoingMail } from "./outbox";
import { loadTemplate, renderTemplate, type Template, type TemplateValue, type TemplateVars } from "./templates";

// Every mail here is queued inside the transaction of the change that causes it, so the mail and the
// change are committed (or rolled back) together. New tickets and replies read the context and
// queue the mails inside their own batched transactions (ticketContextReads, *Mails, outboxInsert).

/** The help desk's public address (admin setting, else APP_URL), without a trailing slash. */
export async function baseUrl(tx?: Tx) {
  const { helpdeskUrl } = await getCachedSettings(tx);
  return (helpdeskUrl || env.APP_URL).replace(/\/+$/, "");
}

/** Read through the caller's transaction on a miss: a second pool connection per mail deadlocks a busy pool. */
async function helpdeskName(tx: Tx) {
  return (await getCachedSettings(tx)).helpdeskName;
}

/** A message body as the templates' {{message}}: stored as written, so no need to read it back. */
export type MessageBody = { body: string; format: "text" | "html" };

function messageValue({ body, format }: MessageBody): TemplateValue {
  // Stored HTML bodies are sanitised on the way in (mail) or by the editor's door; text is escaped at render time.
  return format === "html" ? { text: htmlToPlainText(body), html: body } : body;
}

type StaffRecipient = { id: number; email: string; fullname: string };

type TicketRow = {
  id: number;
  subject: string;
  publicToken: string;
  status: TicketStatusCode;
  departmentName: string;
  customerName: string;
  customerEmail: string;
  assigneeId: number | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
};

/**
 * Everything a ticket's mails need, as five reads that a batched transaction sends in one round trip
 * (db/batch.ts): the ticket with its customer, department and active assignee; the sending address; the
 * department's active staff; the participants; the customer thread. Five plain statements cost MariaDB
 * less than one statement with the same four parts as subqueries (~0.9 against ~1.6 ms of CPU measured),
 * and far less than five round trips.
 */
export function ticketContextReads(ticketId: number | SQL): SQL[] {
  const department = sql`(SELECT department_id FROM tickets WHERE id = ${ticketId})`;
  return [
    sql`SELECT t.id, t.subject, t.public_token AS publicToken, t.status, d.name AS departmentName,
      u.fullname AS customerName, u.email AS customerEmail, a.id AS assigneeId, a.email AS assigneeEmail, a.fullname AS assigneeName
      FROM tickets t
      JOIN users u ON u.id = t.user_id
      JOIN departments d ON d.id = t.department_id
      LEFT JOIN staff a ON a.id = t.assigned_staff_id AND a.active = 1
      WHERE t.id = ${ticketId}`,
    sql`SELECT email_addresses.id, email_addresses.email FROM email_addresses ORDER BY ${sendingAddressOrder(department)} LIMIT 1`,
    sql`SELECT s.id, s.email, s.fullname FROM staff s JOIN staff_departments sd ON sd.staff_id = s.id
      WHERE sd.department_id = ${department} AND s.active = 1 ORDER BY s.id`,
    sql`SELECT p.email FROM ticket_participants p WHERE p.ticket_id = ${ticketId}`,
    ticketThreadSql(ticketId),
  ];
}

/** The results of `ticketContextReads`, as the mails' context. Settings are read through `tx` on a cache miss. */
export async function ticketContextFromResults(results: unknown[], ticketId: number | SQL, tx: Tx = db) {
  const [tickets, addresses, members, participants, thread] = results as [
    TicketRow[],
    { id: number; email: string }[],
    StaffRecipient[],
    { email: string }[],
    { messageId: string | null }[],
  ];
  const row = tickets[0];
  if (!row) throw new Error("Ticket not found for notification");
  const url = await baseUrl(tx);
  const vars: TemplateVars = {
    "ticket.id": row.id,
    "ticket.subject": row.subject,
    "ticket.link": `${url}/t/${row.publicToken}`,
    "ticket.staffLink": `${url}/agent/tickets/${row.id}`,
    "ticket.department": row.departmentName,
    "ticket.status": statusLabel(row.status),
    "customer.name": row.customerName,
    "customer.email": row.customerEmail,
    "helpdesk.name": await helpdeskName(tx),
  };
  return {
    ticket: row,
    participants: participants.map((p) => p.email).filter((email) => email !== row.customerEmail),
    address: addresses[0] ? { id: addresses[0].id, email: addresses[0].email } : null,
    assignee: row.assigneeId ? { id: row.assigneeId, email: row.assigneeEmail!, fullname: row.assigneeName! } : null,
    /** Active staff who work in the department (agents by membership; admins only when they are members). */
    departmentStaff: members.map(({ id, email, fullname }) => ({ id, email, fullname })),
    thread: threadFromRows(thread),
    vars,
  };
}

/** The context read one statement after another, for a transaction on the main pool (a rare path). */
async function loadTicketContext(tx: Tx, ticketId: number) {
  const results: unknown[] = [];
  for (const read of ticketContextReads(ticketId)) results.push(((await tx.execute(read)) as unknown as [unknown])[0]);
  return ticketContextFromResults(results, ticketId, tx);
}

export type TicketContext = Awaited<ReturnType<typeof ticketContextFromResults>>;

/** Makes sure "[#123]" is in the subject: the fallback that threads a reply whose headers were lost. */
function withTicketReference(subject: string, ticketId: number) {
  return subject.includes(`[#${ticketId}]`) ? subject : `[#${ticketId}] ${subject}`;
}

/**
 * The mails one change queues, written to the outbox in one statement. Each mail answers the latest
 * mail of the customer's thread, read once and grown by the customer's mails added here; staff
 * notices are not part of that thread, but chaining them to it keeps agents' mail grouped too.
 */
class TicketMailBatch {
  private readonly mails: OutgoingMail[] = [];
  private readonly thread: string[];

  constructor(
    private readonly context: TicketContext,
    thread: string[],
  ) {
    this.thread = [...thread];
  }

  /** Adds a mail rendered from the event's template (nothing when the admin switched it off). */
  add(template: Template | null, event: EmailEvent, to: { to: string; cc?: string[] }, extra: TemplateVars = {}, attachmentIds?: number[]) {
    if (!template) return null;
    const { ticket, address, vars } = this.context;
    const rendered = renderTemplate(template, { ...vars, ...extra });
    const messageId = messageIdFor(address?.email, ticket.id);
    const { inReplyTo, references } = threadHeaders(this.thread);
    this.mails.push({
      event,
      messageId,
      ticketId: ticket.id,
      emailAddressId: address?.id ?? null,
      fromEmail: address?.email ?? null,
      to: to.to,
      cc: to.cc,
      subject: withTicketReference(rendered.subject, ticket.id),
      text: rendered.text,
      html: rendered.html,
      inReplyTo,
      references,
      attachmentIds,
    });
    if (isCustomerThreadEvent(event)) this.thread.push(messageId);
    return messageId;
  }

  enqueue(tx: Tx) {
    return enqueueMails(tx, this.mails);
  }

  list(): readonly OutgoingMail[] {
    return this.mails;
  }
}

type TicketCreatedNotice = { message: MessageBody; emailMessageId?: string | null; notifyCustomer: boolean; openedByStaffId?: number | null };

/**
 * New ticket: a confirmation with the ticket's link to the customer, and a heads-up to the department's
 * agents. The ticket is new in this transaction: its thread is at most the mail that opened it.
 */
export async function ticketCreatedMails(context: TicketContext, input: TicketCreatedNotice, tx: Tx = db) {
  const message = messageValue(input.message);
  const mails = new TicketMailBatch(context, input.emailMessageId ? [input.emailMessageId] : []);
  if (input.notifyCustomer) {
    mails.add(await loadTemplate(tx, "new_ticket_customer"), "new_ticket_customer", { to: context.ticket.customerEmail, cc: context.participants }, { message });
  }
  const members = context.departmentStaff.filter((member) => member.id !== input.openedByStaffId);
  const staffTemplate = members.length ? await loadTemplate(tx, "new_ticket_staff") : null;
  for (const member of members) {
    mails.add(staffTemplate, "new_ticket_staff", { to: member.email }, { message, "staff.name": member.fullname });
  }
  return mails.list();
}

/**
 * A staff reply goes to the customer (and the ticket's participants) with its attachments. Returns the
 * mails and the reply mail's Message-ID (null when the admin switched the template off), which the
 * caller stores on the message so that the customer's answer threads back to it.
 */
export async function staffReplyMails(
  context: TicketContext,
  input: { message: MessageBody; staffName: string; attachmentIds: number[] },
  tx: Tx = db,
) {
  const mails = new TicketMailBatch(context, context.thread);
  const messageId = mails.add(
    await loadTemplate(tx, "staff_reply"),
    "staff_reply",
    { to: context.ticket.customerEmail, cc: context.participants },
    { message: messageValue(input.message), "staff.name": input.staffName },
    input.attachmentIds,
  );
  return { mails: mails.list(), messageId };
}

/**
 * A customer reply: an acknowledgement to the customer (when enabled and not suppressed by loop protection),
 * and a notice to the assignee, or to the department's agents when nobody is assigned.
 */
export async function customerReplyMails(context: TicketContext, input: { message: MessageBody; autoResponse: boolean }, tx: Tx = db) {
  const message = messageValue(input.message);
  const mails = new TicketMailBatch(context, context.thread);
  if (input.autoResponse) {
    mails.add(await loadTemplate(tx, "autoresponse"), "autoresponse", { to: context.ticket.customerEmail }, { message });
  }
  const recipients = context.assignee ? [context.assignee] : context.departmentStaff;
  const staffTemplate = recipients.length ? await loadTemplate(tx, "customer_reply_staff") : null;
  for (const member of recipients) {
    mails.add(staffTemplate, "customer_reply_staff", { to: member.email }, { message, "staff.name": member.fullname });
  }
  return mails.list();
}

/** A ticket assigned to an agent: tell the agent (not when they took it themselves). */
export async function notifyAssignment(
  tx: Tx,
  input: { ticketId: number; assigneeId: number; byStaffId?: number | null },
) {
  if (input.assigneeId === input.byStaffId) return;
  const [assignee] = await tx
    .select({ email: staff.email, fullname: staff.fullname, active: staff.active })
    .from(staff)
    .where(eq(staff.id, input.assigneeId));
  if (!assignee?.active) return;
  const context = await loadTicketContext(tx, input.ticketId);
  const mails = new TicketMailBatch(context, context.thread);
  mails.add(await loadTemplate(tx, "assignment"), "assignment", { to: assignee.email }, { "staff.name": assignee.fullname });
  await mails.enqueue(tx);
}

async function enqueueAccountMail(
  tx: Tx,
  event: "password_reset" | "invitation" | "email_change",
  input: { to: string; name: string; link: string },
) {
  const template = await loadTemplate(tx, event);
  if (!template) return null;
  const address = await getSendingAddress(tx, null);
  const rendered = renderTemplate(template, {
    "recipient.name": input.name,
    link: input.link,
    "helpdesk.name": await helpdeskName(tx),
  });
  return enqueueMail(tx, {
    event,
    emailAddressId: address?.id ?? null,
    fromEmail: address?.email ?? null,
    to: input.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  });
}

/** Password reset link (the caller makes the single-use token and the link). */
export const enqueuePasswordResetMail = (tx: Tx, input: { to: string; name: string; link: string }) =>
  enqueueAccountMail(tx, "password_reset", input);

/** Invitation to set a password (new staff member, or a customer invited by an agent). */
export const enqueueInvitationMail = (tx: Tx, input: { to: string; name: string; link: string }) =>
  enqueueAccountMail(tx, "invitation", input);

/** Confirmation link sent to the new address of a customer changing their email. */
export const enqueueEmailChangeMail = (tx: Tx, input: { to: string; name: string; link: string }) =>
  enqueueAccountMail(tx, "email_change", input);

/** "Check a ticket": the ticket's public link, sent to an address already on the ticket (requester or participant). */
export async function enqueueTicketLinkMail(tx: Tx, input: { ticketId: number; to: string }) {
  const context = await loadTicketContext(tx, input.ticketId);
  const mails = new TicketMailBatch(context, context.thread);
  mails.add(await loadTemplate(tx, "ticket_link"), "ticket_link", { to: input.to });
  const [queued] = await mails.enqueue(tx);
  return queued ?? null;
}
