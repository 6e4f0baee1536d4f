// Email templates: HelpDeskZ's %placeholders% become Helpdeck's {{placeholders}}, its HTML becomes text.
import type { EmailEvent, emailTemplates } from "@/db/schema";
import type { EntityReport, ImportReport } from "../report";
import type { TemplateRow } from "../schema";
import { unescapeHtml } from "../php";
import { htmlToText } from "./content";
import { clip } from "./context";

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
