import type { Tx } from "@/db";
import { emailTemplates, type EmailEvent } from "@/db/schema";
import { env } from "../env";
import { processCache } from "../ttl-cache";

/** A placeholder's value: plain text, or text plus ready-made safe HTML (a sanitised message body). */
export type TemplateValue = string | number | { text: string; html: string };
export type TemplateVars = Record<string, TemplateValue | null | undefined>;

export type Template = { subject: string; body: string };

/** Built-in templates, used when the admin has not saved their own (table email_templates). */
export const defaultTemplates: Record<EmailEvent, Template> = {
  new_ticket_customer: {
    subject: "[#{{ticket.id}}] {{ticket.subject}}",
    body: [
      "Hello {{customer.name}},",
      "",
      "We received your request and opened ticket #{{ticket.id}}. We will get back to you soon.",
      "",
      "Follow it or add details here: {{ticket.link}}",
      "You can also simply reply to this email.",
      "",
      "{{message}}",
      "",
      "{{helpdesk.name}}",
    ].join("\n"),
  },
  staff_reply: {
    subject: "Re: [#{{ticket.id}}] {{ticket.subject}}",
    body: [
      "{{message}}",
      "",
      "--",
      "{{staff.name}}, {{helpdesk.name}}",
      "Ticket #{{ticket.id}}: {{ticket.link}}",
    ].join("\n"),
  },
  autoresponse: {
    subject: "Re: [#{{ticket.id}}] {{ticket.subject}}",
    body: [
      "Hello {{customer.name}},",
      "",
      "We received your reply to ticket #{{ticket.id}} and will answer it soon.",
      "",
      "Ticket: {{ticket.link}}",
      "",
      "{{helpdesk.name}}",
    ].join("\n"),
  },
  new_ticket_staff: {
    subject: "[#{{ticket.id}}] New ticket: {{ticket.subject}}",
    body: [
      "{{customer.name}} <{{customer.email}}> opened ticket #{{ticket.id}} in {{ticket.department}}.",
      "",
      "{{message}}",
      "",
      "Open it: {{ticket.staffLink}}",
    ].join("\n"),
  },
  customer_reply_staff: {
    subject: "[#{{ticket.id}}] New reply: {{ticket.subject}}",
    body: [
      "{{customer.name}} <{{customer.email}}> replied to ticket #{{ticket.id}}.",
      "",
      "{{message}}",
      "",
      "Open it: {{ticket.staffLink}}",
    ].join("\n"),
  },
  assignment: {
    subject: "[#{{ticket.id}}] Assigned to you: {{ticket.subject}}",
    body: [
      "Hello {{staff.name}},",
      "",
      "Ticket #{{ticket.id}} ({{ticket.subject}}) is now assigned to you.",
      "",
      "Open it: {{ticket.staffLink}}",
    ].join("\n"),
  },
  password_reset: {
    subject: "Reset your {{helpdesk.name}} password",
    body: [
      "Hello {{recipient.name}},",
      "",
      "Someone asked to reset the password of your {{helpdesk.name}} account. To choose a new one, open:",
      "{{link}}",
      "",
      "The link expires soon. If you did not ask for this, ignore this email: your password stays the same.",
    ].join("\n"),
  },
  invitation: {
    subject: "You are invited to {{helpdesk.name}}",
    body: [
      "Hello {{recipient.name}},",
      "",
      "You have been invited to {{helpdesk.name}}. To set your password and sign in, open:",
      "{{link}}",
    ].join("\n"),
  },
  ticket_link: {
    subject: "[#{{ticket.id}}] Your link to {{ticket.subject}}",
    body: [
      "Hello,",
      "",
      "Someone asked for the link to ticket #{{ticket.id}} ({{ticket.subject}}) with this email address.",
      "Follow the ticket and reply here: {{ticket.link}}",
      "",
      "If you did not ask for it, you can ignore this email.",
      "",
      "{{helpdesk.name}}",
    ].join("\n"),
  },
  email_change: {
    subject: "Confirm your new {{helpdesk.name}} email address",
    body: [
      "Hello {{recipient.name}},",
      "",
      "To use this address for your {{helpdesk.name}} account, open:",
      "{{link}}",
      "",
      "The link expires in a day. If you did not ask for this, ignore this email: nothing changes.",
    ].join("\n"),
  },
  feedback_status: {
    subject: "{{feedback.title}}: {{feedback.status}}",
    body: [
      "Hello {{recipient.name}},",
      "",
      "The feedback \"{{feedback.title}}\" is now: {{feedback.status}}.",
      "",
      "{{feedback.note}}",
      "",
      "See it here: {{feedback.link}}",
      "",
      "You receive this because you posted or voted for it. To stop these emails: {{unsubscribe.link}}",
      "",
      "{{helpdesk.name}}",
    ].join("\n"),
  },
};

type SavedTemplate = Template & { enabled: boolean };

/**
 * The admin's saved templates, read once per HELPDECK_CACHE_SECONDS rather than with every mail a
 * reply queues; saving or resetting one through this process clears it (lib/mail/template-admin.ts).
 */
const savedTemplatesCache = processCache<"all", Map<EmailEvent, SavedTemplate>>("email-templates", env.HELPDECK_CACHE_SECONDS * 1000, 1);

export function clearTemplateCache() {
  savedTemplatesCache.clear();
}

/** The template an event's mail uses (the saved one, else the built-in one); null when switched off. */
export async function loadTemplate(tx: Tx, event: EmailEvent): Promise<Template | null> {
  // Read through the caller's transaction on a miss: a second pool connection could deadlock a busy pool.
  const saved = await savedTemplatesCache.get("all", async () => {
    const rows = await tx
      .select({ event: emailTemplates.event, subject: emailTemplates.subject, body: emailTemplates.body, enabled: emailTemplates.enabled })
      .from(emailTemplates);
    return new Map(rows.map(({ event, ...template }) => [event, template]));
  });
  const row = saved.get(event);
  if (!row) return defaultTemplates[event];
  return row.enabled ? { subject: row.subject, body: row.body } : null;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

const textOf = (value: TemplateValue | null | undefined) =>
  value == null ? "" : typeof value === "object" ? value.text : String(value);
const htmlOf = (value: TemplateValue | null | undefined) =>
  value == null
    ? ""
    : typeof value === "object"
      ? value.html
      : linkify(escapeHtml(String(value)).replace(/\n/g, "<br>\n"));

/** Links in already-escaped text become clickable in the HTML part. */
function linkify(html: string) {
  return html.replace(/\bhttps?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

/**
 * Renders subject, text and HTML. Placeholder values are HTML-escaped in the HTML part (except ready-made
 * safe HTML such as a sanitised message body); unknown placeholders render empty.
 */
export function renderTemplate(template: Template, vars: TemplateVars) {
  const subject = template.subject
    .replace(PLACEHOLDER, (_, name: string) => textOf(vars[name]))
    .replace(/[\r\n]+/g, " ")
    .trim()
    .slice(0, 900);
  const text = template.body.replace(PLACEHOLDER, (_, name: string) => textOf(vars[name]));
  // The template's own text is escaped too: an admin's "<" must not become markup.
  const htmlBody = template.body
    .split(PLACEHOLDER)
    .map((part, index) =>
      index % 2 === 1 ? htmlOf(vars[part]) : linkify(escapeHtml(part).replace(/\n/g, "<br>\n")),
    )
    .join("");
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:14px;line-height:1.5;color:#111">${htmlBody}</body></html>`;
  return { subject, text, html };
}
