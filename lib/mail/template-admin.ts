import { eq } from "drizzle-orm";
import { db } from "@/db";
import { emailEvents, emailTemplates, type EmailEvent } from "@/db/schema";
import { AppError } from "../errors";
import { clearTemplateCache, defaultTemplates, renderTemplate, type TemplateVars } from "./templates";

// Admin side of the email templates: one per event, the built-in default until an admin saves one.

/** Mail the help desk cannot work without: a person could not get in, or would not learn their ticket exists. */
export const mandatoryEvents: readonly EmailEvent[] = ["password_reset", "invitation", "new_ticket_customer"];
export const isMandatoryEvent = (event: EmailEvent) => mandatoryEvents.includes(event);

const ticketPlaceholders = [
  "ticket.id",
  "ticket.subject",
  "ticket.link",
  "ticket.staffLink",
  "ticket.department",
  "ticket.status",
  "customer.name",
  "customer.email",
  "helpdesk.name",
];
const accountPlaceholders = ["recipient.name", "link", "helpdesk.name"];

export const eventInfo: Record<EmailEvent, { label: string; audience: string; placeholders: string[] }> = {
  new_ticket_customer: { label: "New ticket (to the customer)", audience: "Customer", placeholders: [...ticketPlaceholders, "message"] },
  staff_reply: { label: "Staff reply", audience: "Customer", placeholders: [...ticketPlaceholders, "message", "staff.name"] },
  autoresponse: { label: "Auto-response to a customer reply", audience: "Customer", placeholders: ticketPlaceholders },
  new_ticket_staff: { label: "New ticket (to agents)", audience: "Agents", placeholders: [...ticketPlaceholders, "message", "staff.name"] },
  customer_reply_staff: { label: "Customer reply (to agents)", audience: "Agents", placeholders: [...ticketPlaceholders, "message", "staff.name"] },
  assignment: { label: "Ticket assigned", audience: "Agent", placeholders: [...ticketPlaceholders, "staff.name"] },
  password_reset: { label: "Password reset", audience: "Customer", placeholders: accountPlaceholders },
  invitation: { label: "Staff invitation", audience: "Staff", placeholders: accountPlaceholders },
  ticket_link: { label: "Link to a ticket (check a ticket)", audience: "Customer", placeholders: ticketPlaceholders },
  email_change: { label: "Confirm a new email address", audience: "Customer", placeholders: accountPlaceholders },
  feedback_status: {
    label: "Feedback status changed",
    audience: "Author and voters",
    placeholders: ["recipient.name", "feedback.title", "feedback.status", "feedback.note", "feedback.link", "unsubscribe.link", "helpdesk.name"],
  },
};

export const sampleVars: TemplateVars = {
  "ticket.id": 1042,
  "ticket.subject": "Printer on the 2nd floor jams",
  "ticket.link": "https://help.example.com/t/sample-token",
  "ticket.staffLink": "https://help.example.com/agent/tickets/1042",
  "ticket.department": "IT support",
  "ticket.status": "Open",
  "customer.name": "Ada Lovelace",
  "customer.email": "ada@example.com",
  "staff.name": "Grace Hopper",
  "recipient.name": "Ada Lovelace",
  link: "https://help.example.com/reset-password/sample-token",
  message: "Hello,\nthe printer jams on every second page since this morning.\nThanks!",
  "helpdesk.name": "Helpdeck",
  "feedback.title": "Dark mode for the portal",
  "feedback.status": "Planned",
  "feedback.note": "Planned for the spring release.",
  "feedback.link": "https://help.example.com/feedback/12",
  "unsubscribe.link": "https://help.example.com/feedback/unsubscribe/sample-token",
};

export async function listTemplatesForAdmin() {
  const rows = await db.select().from(emailTemplates);
  return emailEvents.map((event) => {
    const saved = rows.find((row) => row.event === event);
    return {
      event,
      ...eventInfo[event],
      mandatory: isMandatoryEvent(event),
      customized: Boolean(saved),
      enabled: saved ? saved.enabled : true,
      subject: saved?.subject ?? defaultTemplates[event].subject,
    };
  });
}

export async function getTemplateForAdmin(event: EmailEvent) {
  const [saved] = await db.select().from(emailTemplates).where(eq(emailTemplates.event, event));
  return {
    event,
    ...eventInfo[event],
    mandatory: isMandatoryEvent(event),
    customized: Boolean(saved),
    subject: saved?.subject ?? defaultTemplates[event].subject,
    body: saved?.body ?? defaultTemplates[event].body,
    enabled: saved ? saved.enabled : true,
  };
}

/** Saves an event's template; a mandatory event cannot be switched off. */
export async function saveTemplate(event: EmailEvent, input: { subject: string; body: string; enabled: boolean }) {
  if (!input.enabled && isMandatoryEvent(event)) {
    const message = "This email is required and cannot be switched off.";
    throw new AppError("invalid", message, { enabled: message });
  }
  const values = { subject: input.subject, body: input.body, enabled: input.enabled };
  await db
    .insert(emailTemplates)
    .values({ event, ...values })
    .onDuplicateKeyUpdate({ set: values });
  clearTemplateCache();
}

/** Back to the built-in template (and switched on). */
export async function resetTemplate(event: EmailEvent) {
  await db.delete(emailTemplates).where(eq(emailTemplates.event, event));
  clearTemplateCache();
}

/** The rendered mail with sample data, for the preview beside the editor. */
export function previewTemplate(template: { subject: string; body: string }) {
  return renderTemplate(template, sampleVars);
}
