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
import { getSettings } from "../settings";
import { statusLabel } from "../tickets/status";
import { getSendingAddress } from "./addresses";
import { htmlToPlainText } from "./html";
import { enqueueMail, threadHeaders, ticketThread } from "./outbox";
import { loadTemplate, renderTemplate, type TemplateValue, type TemplateVars } from "./templates";

// Every function here runs inside the transaction of the change that causes the mail, so the mail and
// the change are committed (or rolled back) together.

/** The help desk's public address (admin setting, else APP_URL), without a trailing slash. */
export async function baseUrl(tx?: Tx) {
  const { helpdeskUrl } = await getSettings(tx);
  return (helpdeskUrl || env.APP_URL).replace(/\/+$/, "");
}

/** Read through the caller's transaction: a second pool connection per mail deadlocks a busy pool. */
async function helpdeskName(tx: Tx) {
  return (await getSettings(tx)).helpdeskName;
}

function messageValue(body: string, format: "text" | "html"): TemplateValue {
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
  const settings = await getSettings(tx);
  const url = (settings.helpdeskUrl || env.APP_URL).replace(/\/+$/, "");
  const vars: TemplateVars = {
    "ticket.id": row.id,
    "ticket.subject": row.subject,
    "ticket.link": `${url}/t/${row.publicToken}`,
    "ticket.staffLink": `${url}/agent/tickets/${row.id}`,
    "ticket.department": row.departmentName,
    "ticket.status": statusLabel(row.status),
    "customer.name": row.customerName,
    "customer.email": row.customerEmail,
    "helpdesk.name": settings.helpdeskName,
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

type PreparedMail = { template: Awaited<ReturnType<typeof loadTemplate>>; headers: ReturnType<typeof threadHeaders> };

/**
 * Template and thread headers read once for a batch of staff notices: staff mail does not join the
 * customer's thread, so every notice of the batch gets the same headers (two queries fewer per agent).
 */
async function prepareStaffMail(tx: Tx, context: TicketContext, event: EmailEvent): Promise<PreparedMail> {
  return { template: await loadTemplate(tx, event), headers: threadHeaders(await ticketThread(tx, context.ticket.id)) };
}

async function enqueueTicketMail(
  tx: Tx,
  context: TicketContext,
  event: EmailEvent,
  recipient: { to: string; cc?: string[] },
  extra: TemplateVars = {},
  attachmentIds?: number[],
  prepared?: PreparedMail,
) {
  const template = prepared ? prepared.template : await loadTemplate(tx, event);
  if (!template) return null;
  const rendered = renderTemplate(template, { ...context.vars, ...extra });
  // Staff notifications are not part of the customer's thread, but chaining them keeps agents' mail grouped too.
  const { inReplyTo, references } = prepared?.headers ?? threadHeaders(await ticketThread(tx, context.ticket.id));
  return enqueueMail(tx, {
    event,
    ticketId: context.ticket.id,
    emailAddressId: context.address?.id ?? null,
    fromEmail: context.address?.email ?? null,
    to: recipient.to,
    cc: recipient.cc,
    subject: withTicketReference(rendered.subject, context.ticket.id),
    text: rendered.text,
    html: rendered.html,
    inReplyTo,
    references,
    attachmentIds,
  });
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

async function loadMessage(tx: Tx, messageId: number) {
  const [row] = await tx
    .select({ body: messages.body, bodyFormat: messages.bodyFormat })
    .from(messages)
    .where(eq(messages.id, messageId));
  return row ? messageValue(row.body, row.bodyFormat) : "";
}

/** New ticket: a confirmation with the ticket's link to the customer, and a heads-up to the department's agents. */
export async function notifyTicketCreated(
  tx: Tx,
  input: { ticketId: number; messageId: number; notifyCustomer: boolean; openedByStaffId?: number | null },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const message = await loadMessage(tx, input.messageId);
  if (input.notifyCustomer) {
    await enqueueTicketMail(
      tx,
      context,
      "new_ticket_customer",
      { to: context.ticket.customerEmail, cc: context.participants },
      { message },
    );
  }
  const members = (await departmentStaff(tx, context.ticket.departmentId)).filter((member) => member.id !== input.openedByStaffId);
  const prepared = members.length ? await prepareStaffMail(tx, context, "new_ticket_staff") : undefined;
  for (const member of members) {
    await enqueueTicketMail(
      tx,
      context,
      "new_ticket_staff",
      { to: member.email },
      { message, "staff.name": member.fullname },
      undefined,
      prepared,
    );
  }
}

/** A staff reply goes to the customer (and the ticket's participants) with its attachments. */
export async function notifyStaffReply(
  tx: Tx,
  input: { ticketId: number; messageId: number; staffId: number },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const [author] = await tx
    .select({ fullname: staff.fullname })
    .from(staff)
    .where(eq(staff.id, input.staffId));
  const files = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.messageId, input.messageId));
  const queued = await enqueueTicketMail(
    tx,
    context,
    "staff_reply",
    { to: context.ticket.customerEmail, cc: context.participants },
    { message: await loadMessage(tx, input.messageId), "staff.name": author?.fullname ?? "" },
    files.map((f) => f.id),
  );
  // The reply is now known by its Message-ID, so the customer's answer threads back to it.
  if (queued)
    await tx
      .update(messages)
      .set({ emailMessageId: queued.messageId })
      .where(eq(messages.id, input.messageId));
}

/**
 * A customer reply: an acknowledgement to the customer (when enabled and not suppressed by loop protection),
 * and a notice to the assignee, or to the department's agents when nobody is assigned.
 */
export async function notifyCustomerReply(
  tx: Tx,
  input: { ticketId: number; messageId: number; autoResponse: boolean },
) {
  const context = await loadTicketContext(tx, input.ticketId);
  const message = await loadMessage(tx, input.messageId);
  if (input.autoResponse) {
    await enqueueTicketMail(tx, context, "autoresponse", { to: context.ticket.customerEmail }, { message });
  }
  const members = await departmentStaff(tx, context.ticket.departmentId);
  let recipients = members;
  if (context.ticket.assignedStaffId) {
    const [assignee] = await tx
      .select({ id: staff.id, email: staff.email, fullname: staff.fullname })
      .from(staff)
      .where(and(eq(staff.id, context.ticket.assignedStaffId), eq(staff.active, true)));
    recipients = assignee ? [assignee] : members;
  }
  const prepared = recipients.length ? await prepareStaffMail(tx, context, "customer_reply_staff") : undefined;
  for (const member of recipients) {
    await enqueueTicketMail(
      tx,
      context,
      "customer_reply_staff",
      { to: member.email },
      { message, "staff.name": member.fullname },
      undefined,
      prepared,
    );
  }
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
  await enqueueTicketMail(
    tx,
    context,
    "assignment",
    { to: assignee.email },
    { "staff.name": assignee.fullname },
  );
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
  return enqueueTicketMail(tx, context, "ticket_link", { to: input.to });
}
