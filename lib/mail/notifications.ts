import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  attachments,
  departments,
  messages,
  staff,
  staffDepartments,
  ticketParticipants,
  tickets,
  users,
  type EmailEvent,
} from "@/db/schema";
import { env } from "../env";
import { getCachedSettings } from "../settings";
import { statusLabel } from "../tickets/status";
import { getSendingAddress } from "./addresses";
import { htmlToPlainText } from "./html";
import { enqueueMail, enqueueMails, isCustomerThreadEvent, messageIdFor, threadHeaders, ticketThread, type OutgoingMail } from "./outbox";
import { loadTemplate, renderTemplate, type Template, type TemplateValue, type TemplateVars } from "./templates";

// Every function here runs inside the transaction of the change that causes the mail, so the mail and
// the change are committed (or rolled back) together.

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

async function loadTicketContext(tx: Tx, ticketId: number) {
  const [row] = await tx
    .select({
      id: tickets.id,
      subject: tickets.subject,
      publicToken: tickets.publicToken,
      status: tickets.status,
      departmentId: tickets.departmentId,
      departmentName: departments.name,
      assignedStaffId: tickets.assignedStaffId,
      customerName: users.fullname,
      customerEmail: users.email,
    })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.userId))
    .innerJoin(departments, eq(departments.id, tickets.departmentId))
    .where(eq(tickets.id, ticketId));
  if (!row) throw new Error(`Ticket ${ticketId} not found for notification`);
  const participants = await tx
    .select({ email: ticketParticipants.email })
    .from(ticketParticipants)
    .where(eq(ticketParticipants.ticketId, ticketId));
  const address = await getSendingAddress(tx, row.departmentId);
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
    address,
    vars,
  };
}

type TicketContext = Awaited<ReturnType<typeof loadTicketContext>>;

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
}

/** Active staff who work in the department (agents by membership; admins only when they are members). */
async function departmentStaff(tx: Tx, departmentId: number) {
  return tx
    .select({ id: staff.id, email: staff.email, fullname: staff.fullname })
    .from(staff)
    .innerJoin(staffDepartments, eq(staffDepartments.staffId, staff.id))
    .where(and(eq(staffDepartments.departmentId, departmentId), eq(staff.active, true)))
    .orderBy(asc(staff.id));
}

/**
 * New ticket: a confirmation with the ticket's link to the customer, and a heads-up to the department's
 * agents. The ticket is new in this transaction: its thread is at most the mail that opened it.
 */
export async function notifyTicketCreated(
  tx: Tx,
  input: { ticketId: number; message: MessageBody; emailMessageId?: string | null; notifyCustomer: boolean; openedByStaffId?: number | null },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const message = messageValue(input.message);
  const mails = new TicketMailBatch(context, input.emailMessageId ? [input.emailMessageId] : []);
  if (input.notifyCustomer) {
    mails.add(await loadTemplate(tx, "new_ticket_customer"), "new_ticket_customer", { to: context.ticket.customerEmail, cc: context.participants }, { message });
  }
  const members = (await departmentStaff(tx, context.ticket.departmentId)).filter((member) => member.id !== input.openedByStaffId);
  const staffTemplate = members.length ? await loadTemplate(tx, "new_ticket_staff") : null;
  for (const member of members) {
    mails.add(staffTemplate, "new_ticket_staff", { to: member.email }, { message, "staff.name": member.fullname });
  }
  await mails.enqueue(tx);
}

/** A staff reply goes to the customer (and the ticket's participants) with its attachments. */
export async function notifyStaffReply(
  tx: Tx,
  input: { ticketId: number; messageId: number; message: MessageBody; staffName: string },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const files = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.messageId, input.messageId));
  const mails = new TicketMailBatch(context, await ticketThread(tx, input.ticketId));
  const messageId = mails.add(
    await loadTemplate(tx, "staff_reply"),
    "staff_reply",
    { to: context.ticket.customerEmail, cc: context.participants },
    { message: messageValue(input.message), "staff.name": input.staffName },
    files.map((f) => f.id),
  );
  await mails.enqueue(tx);
  // The reply is now known by its Message-ID, so the customer's answer threads back to it.
  if (messageId) await tx.update(messages).set({ emailMessageId: messageId }).where(eq(messages.id, input.messageId));
}

/**
 * A customer reply: an acknowledgement to the customer (when enabled and not suppressed by loop protection),
 * and a notice to the assignee, or to the department's agents when nobody is assigned.
 */
export async function notifyCustomerReply(
  tx: Tx,
  input: { ticketId: number; message: MessageBody; autoResponse: boolean },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const message = messageValue(input.message);
  const mails = new TicketMailBatch(context, await ticketThread(tx, input.ticketId));
  if (input.autoResponse) {
    mails.add(await loadTemplate(tx, "autoresponse"), "autoresponse", { to: context.ticket.customerEmail }, { message });
  }
  let recipients: { email: string; fullname: string }[] = [];
  if (context.ticket.assignedStaffId) {
    const [assignee] = await tx
      .select({ email: staff.email, fullname: staff.fullname })
      .from(staff)
      .where(and(eq(staff.id, context.ticket.assignedStaffId), eq(staff.active, true)));
    if (assignee) recipients = [assignee];
  }
  if (recipients.length === 0) recipients = await departmentStaff(tx, context.ticket.departmentId);
  const staffTemplate = recipients.length ? await loadTemplate(tx, "customer_reply_staff") : null;
  for (const member of recipients) {
    mails.add(staffTemplate, "customer_reply_staff", { to: member.email }, { message, "staff.name": member.fullname });
  }
  await mails.enqueue(tx);
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
  const mails = new TicketMailBatch(context, await ticketThread(tx, input.ticketId));
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
  const mails = new TicketMailBatch(context, await ticketThread(tx, input.ticketId));
  mails.add(await loadTemplate(tx, "ticket_link"), "ticket_link", { to: input.to });
  const [queued] = await mails.enqueue(tx);
  return queued ?? null;
}
