// Email addresses (with their SMTP/IMAP passwords, which HelpDeskZ keeps in clear and Helpdeck
// encrypts) and email templates (HelpDeskZ's %placeholders% become Helpdeck's {{placeholders}}).
import { z } from "zod";
import type { emailAddresses, EmailEvent, emailTemplates } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import type { EntityReport, ImportReport } from "../report";
import type { EmailRow, TemplateRow } from "../schema";
import { fromUnix, unescapeHtml } from "../php";
import { htmlToText } from "./content";
import { clip, type MapContext } from "./context";

const port = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
};

export function mapEmailAddress(
  row: EmailRow,
  ctx: MapContext,
  report: EntityReport,
): typeof emailAddresses.$inferInsert | null {
  const address = row.email.trim().toLowerCase();
  if (!z.email().safeParse(address).success) {
    report.skip("email address is not valid", row.id);
    return null;
  }
  const value: typeof emailAddresses.$inferInsert = {
    id: row.id,
    email: clip(address, 254),
    senderName: clip(row.name?.trim() || address, 200),
    departmentId: ctx.departmentIds.has(row.department_id) ? row.department_id : null,
    isDefault: row.default === 1,
    incoming: "none",
    createdAt: fromUnix(row.created) ?? new Date(),
  };
  if (row.outgoing_type === "smtp" && row.smtp_host?.trim()) {
    const encryption = (row.smtp_encryption ?? "").toLowerCase();
    Object.assign(value, {
      smtpHost: clip(row.smtp_host.trim(), 255),
      smtpPort: port(row.smtp_port),
      // HelpDeskZ (CodeIgniter): "ssl" is TLS from the first byte, "tls" is STARTTLS.
      smtpSecurity: encryption === "ssl" ? "tls" : encryption === "tls" ? "starttls" : "none",
      smtpUser: row.smtp_username?.trim() || null,
      smtpPasswordEnc: row.smtp_password ? encryptSecret(row.smtp_password) : null,
    } satisfies Partial<typeof value>);
  } else {
    report.adjust("sent with PHP mail(): no SMTP server here until one is entered (Admin → Email)", row.id);
  }
  const incoming = (row.incoming_type ?? "").toLowerCase();
  if (incoming === "pipe") value.incoming = "pipe";
  else if (incoming === "imap" && row.imap_host?.trim()) {
    const imapPort = port(row.imap_port);
    Object.assign(value, {
      incoming: "imap",
      imapHost: clip(row.imap_host.trim(), 255),
      imapPort,
      // HelpDeskZ has no IMAP encryption setting; its fetcher uses SSL on 993.
      imapSecurity: imapPort === 143 ? "starttls" : "tls",
      imapUser: row.imap_username?.trim() || null,
      imapPasswordEnc: row.imap_password ? encryptSecret(row.imap_password) : null,
    } satisfies Partial<typeof value>);
  } else if (incoming === "pop") {
    report.adjust("POP3 fetching does not exist here: incoming mail off (use IMAP or the pipe)", row.id);
  }
  return value;
}

/** HelpDeskZ template ids and the Helpdeck events that send the same mail. */
const templateEvents: Record<string, { event: EmailEvent; audience: "customer" | "staff" }> = {
  new_ticket: { event: "new_ticket_customer", audience: "customer" },
  staff_reply: { event: "staff_reply", audience: "customer" },
  autoresponse: { event: "autoresponse", audience: "customer" },
  staff_ticketnotification: { event: "new_ticket_staff", audience: "staff" },
};

const skippedTemplates: Record<string, string> = {
  lost_password:
    "HelpDeskZ mails a new password; Helpdeck mails a reset link (its own password_reset template stays)",
  new_user: "Helpdeck sends no welcome mail on registration",
};

function placeholders(audience: "customer" | "staff"): Record<string, string | null> {
  return {
    client_name: "customer.name",
    client_email: "customer.email",
    ticket_id: "ticket.id",
    ticket_subject: "ticket.subject",
    ticket_department: "ticket.department",
    ticket_status: "ticket.status",
    ticket_priority: null,
    message: "message",
    staff_name: "staff.name",
    company_name: "helpdesk.name",
    // The help desk's address: the ticket's own link is where a reader goes from these mails.
    support_url: audience === "staff" ? "ticket.staffLink" : "ticket.link",
    helpdesk_url: audience === "staff" ? "ticket.staffLink" : "ticket.link",
  };
}

export function translatePlaceholders(text: string, audience: "customer" | "staff", dropped: Set<string>) {
  const map = placeholders(audience);
  return text.replace(/%([a-z_]+)%/g, (whole, name: string) => {
    const target = map[name];
    if (target === undefined) return whole;
    if (target === null) {
      dropped.add(`%${name}%`);
      return "";
    }
    return `{{${target}}}`;
  });
}

export function mapTemplate(
  row: TemplateRow,
  report: EntityReport,
  whole: ImportReport,
): typeof emailTemplates.$inferInsert | null {
  const target = templateEvents[row.id];
  if (!target) {
    report.skip(skippedTemplates[row.id] ?? "no matching Helpdeck email", row.id);
    return null;
  }
  const dropped = new Set<string>();
  const subject = translatePlaceholders(unescapeHtml(row.subject), target.audience, dropped)
    .replace(/\s+/g, " ")
    .trim();
  // Helpdeck templates are text (the HTML part is made from them), so the editor HTML becomes text.
  const body = translatePlaceholders(htmlToText(row.message), target.audience, dropped).replace(
    /[ \t]+$/gm,
    "",
  );
  if (dropped.size) {
    report.adjust(`placeholders without equivalent removed: ${[...dropped].join(", ")}`, row.id);
    if (dropped.has("%ticket_priority%"))
      whole.note("Email templates: %ticket_priority% has no Helpdeck placeholder and was removed.");
  }
  return {
    event: target.event,
    subject: clip(subject || row.name, 255),
    body,
    // status 0 switches a HelpDeskZ template off; any other value sends it.
    enabled: row.status !== 0,
  };
}
