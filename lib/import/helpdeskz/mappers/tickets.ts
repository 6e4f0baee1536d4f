// Tickets, their messages and notes. Ids are kept, so "[#123]" in mail subjects and API clients keep
// pointing at the same tickets. Counters (replies, last replier, first response) are recomputed after
// the messages are in (see ../derived.ts), rather than trusted from the source.
import type { messages, ticketFieldValues, tickets } from "@/db/schema";
import type { EntityReport } from "../report";
import type { MessageRow, NoteRow, TicketRow } from "../schema";
import { fromUnix, isPhpArray, plainTextOf, tryUnserialize, unescapeHtml } from "../php";
import { clip, type MapContext, MISSING_USER, userIdOf } from "./context";

export const PLACEHOLDER_USER = MISSING_USER;

/** The imported user id for a source user id, or PLACEHOLDER_USER when that user was not imported. */
export function ticketUser(ctx: MapContext, userId: number, found: boolean): number {
  if (!found) return PLACEHOLDER_USER;
  return userIdOf(ctx, userId);
}

type TicketInsert = Omit<typeof tickets.$inferInsert, "publicToken">;

export function mapTicket(row: TicketRow, ctx: MapContext, report: EntityReport) {
  let departmentId = row.department_id;
  if (!ctx.departmentIds.has(departmentId)) {
    if (ctx.fallbackDepartmentId === null) {
      report.skip("department does not exist and there is no department to move it to", row.id);
      return null;
    }
    report.adjust("department no longer exists: moved to the first department", row.id);
    departmentId = ctx.fallbackDepartmentId;
  }
  const userId = ticketUser(ctx, row.user_id, row.user_found === 1);
  if (userId === PLACEHOLDER_USER)
    report.adjust("customer no longer exists: attached to the placeholder customer", row.id);
  let status = row.status;
  if (status < 1 || status > 5) {
    report.adjust(`unknown status ${status}: Open`, row.id);
    status = 1;
  }
  const createdAt = fromUnix(row.date) ?? fromUnix(row.last_update) ?? new Date(0);
  const lastUpdateAt = fromUnix(row.last_update) ?? createdAt;
  const [customer, viaEmail] = (row.first_message ?? "").split(":");
  const source = customer === "0" ? "staff" : viaEmail === "1" ? "email" : "web";

  const ticket: TicketInsert = {
    id: row.id,
    subject: clip(row.subject.trim() || "(no subject)", 255),
    userId,
    departmentId,
    priorityId: ctx.priorityIds.has(row.priority_id) ? row.priority_id : null,
    status,
    source,
    lastUpdateAt,
    // HelpDeskZ does not record when a ticket was closed: its last update is the best estimate.
    closedAt: status === 5 ? lastUpdateAt : null,
    createdAt,
  };
  return { ticket, fieldValues: mapCustomVars(row, ctx, report) };
}

/**
 * tickets.custom_vars is serialize([['title' => ..., 'value' => ...], ...]): values by field title, as
 * the customer saw them (option labels; checkbox labels joined with ", ").
 */
function mapCustomVars(
  row: TicketRow,
  ctx: MapContext,
  report: EntityReport,
): (typeof ticketFieldValues.$inferInsert)[] {
  if (!row.custom_vars) return [];
  const list = tryUnserialize(row.custom_vars);
  if (!isPhpArray(list)) {
    report.adjust("custom field values not readable (not PHP serialize data): dropped", row.id);
    return [];
  }
  const values = new Map<number, string>();
  for (const item of list.values()) {
    if (!isPhpArray(item)) continue;
    const title = String(item.get("title") ?? "").trim();
    const raw = item.get("value");
    const value = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
    if (!title || !value) continue;
    const field = ctx.fieldsByTitle.get(unescapeHtml(title).toLowerCase());
    if (!field) {
      report.adjust(`custom field "${clip(title, 60)}" no longer exists: its value dropped`, row.id);
      continue;
    }
    values.set(field.id, fieldValue(field.type, field.options, value));
  }
  return [...values].map(([fieldId, value]) => ({ ticketId: row.id, fieldId, value }));
}

/** Helpdeck stores a checkbox group as a JSON list of its options; other values as text. */
function fieldValue(type: string, options: string[], value: string): string {
  if (type === "checkbox" && options.length) {
    const ticked = value.split(", ").filter((v) => options.includes(v));
    return ticked.length ? JSON.stringify(ticked) : JSON.stringify([value]);
  }
  return value;
}

type MessageInsert = typeof messages.$inferInsert;

/** HelpDeskZ messages are HTML (nl2br(esc()) for customers, the editor's HTML for staff). */
function body(html: string): Pick<MessageInsert, "body" | "bodyFormat"> {
  const text = plainTextOf(html);
  // Stored as HelpDeskZ kept it; every place that shows HTML bodies sanitises them (sanitizeMailHtml).
  return text === null ? { body: html, bodyFormat: "html" } : { body: text.trim(), bodyFormat: "text" };
}

export function mapMessage(row: MessageRow, ctx: MapContext, report: EntityReport): MessageInsert | null {
  if (row.ticket_found !== 1) {
    report.skip("ticket does not exist", row.id);
    return null;
  }
  const fromCustomer = row.customer === 1;
  let staffId: number | null = null;
  if (!fromCustomer && row.staff_id > 0) {
    if (ctx.staffIds.has(row.staff_id)) staffId = row.staff_id;
    else report.adjust("staff member no longer exists: reply kept without author", row.id);
  }
  return {
    id: row.id,
    ticketId: row.ticket_id,
    authorType: fromCustomer ? "user" : "staff",
    userId: fromCustomer ? ticketUser(ctx, row.ticket_user_id, row.user_found === 1) : null,
    staffId,
    isNote: false,
    ...body(row.message),
    ip: row.ip?.trim() ? clip(row.ip.trim(), 45) : null,
    createdAt: fromUnix(row.date) ?? new Date(0),
  };
}

export function mapNote(row: NoteRow, ctx: MapContext, report: EntityReport): MessageInsert | null {
  if (row.ticket_found !== 1) {
    report.skip("ticket does not exist", row.id);
    return null;
  }
  if (!ctx.staffIds.has(row.staff_id))
    report.adjust("staff member no longer exists: note kept without author", row.id);
  return {
    id: ctx.noteIdOffset + row.id,
    ticketId: row.ticket_id,
    authorType: "staff",
    userId: null,
    staffId: ctx.staffIds.has(row.staff_id) ? row.staff_id : null,
    isNote: true,
    // Notes are esc()'d plain text.
    body: unescapeHtml(row.message).replace(/\r\n/g, "\n").trim(),
    bodyFormat: "text",
    createdAt: fromUnix(row.date) ?? new Date(0),
  };
}
