// hdz_config (one row of columns) to Helpdeck's named settings; what has no equivalent is reported.
import { settingsSchema, type Settings } from "@/lib/settings";
import type { ImportReport } from "../report";
import type { ConfigRow } from "../schema";
import { phpDateFormatToDateFns, phpListOfStrings, tryUnserialize, unescapeHtml } from "../php";

export function mapSettings(config: ConfigRow, report: ImportReport): Partial<Settings> {
  const entity = report.entity("settings");
  const out: Partial<Settings> = {};
  const set = <K extends keyof Settings>(name: K, value: unknown, from: string) => {
    const parsed = settingsSchema.shape[name].safeParse(value);
    if (parsed.success && value !== undefined && value !== null && value !== "") {
      out[name] = parsed.data as Settings[K];
      entity.imported++;
    } else {
      entity.skip(`${from} = ${JSON.stringify(value)} is not a valid ${name}`);
    }
  };
  const has = (key: keyof ConfigRow) => config[key] !== undefined && config[key] !== null;

  if (config.site_name?.trim())
    set("helpdeskName", unescapeHtml(config.site_name.trim()).slice(0, 100), "site_name");
  if (config.timezone?.trim()) set("timezone", config.timezone.trim(), "timezone");
  if (config.date_format?.trim()) {
    const format = phpDateFormatToDateFns(config.date_format.trim());
    if (format) set("dateFormat", format, "date_format");
    else entity.skip(`date_format "${config.date_format}" has letters without a date-fns equivalent`);
  }
  if (has("maintenance")) set("maintenanceMode", config.maintenance === 1, "maintenance");
  if (config.maintenance_message?.trim())
    set("maintenanceMessage", config.maintenance_message, "maintenance_message");
  if (has("login_attempt")) {
    if (config.login_attempt! > 0) set("signInAttempts", config.login_attempt, "login_attempt");
    else entity.skip("login_attempt = 0 (unlimited): Helpdeck always limits sign-in attempts; default kept");
  }
  if (has("login_attempt_minutes"))
    set("signInWindowMinutes", config.login_attempt_minutes, "login_attempt_minutes");
  if (config.reply_order === "asc" || config.reply_order === "desc")
    set("replyOrder", config.reply_order, "reply_order");
  if (has("tickets_page")) set("pageSize", Math.max(5, Math.min(200, config.tickets_page!)), "tickets_page");
  if (has("overdue_time")) set("overdueHours", config.overdue_time, "overdue_time");
  if (has("ticket_autoclose")) set("autoCloseHours", config.ticket_autoclose, "ticket_autoclose");
  if (has("ticket_attachment"))
    set("attachmentsEnabled", config.ticket_attachment === 1, "ticket_attachment");
  if (has("ticket_attachment_number"))
    set("attachmentsMaxCount", config.ticket_attachment_number, "ticket_attachment_number");
  if (has("ticket_file_size")) set("attachmentsMaxSizeMb", config.ticket_file_size, "ticket_file_size");
  if (config.ticket_file_type?.trim()) {
    const types = phpListOfStrings(tryUnserialize(config.ticket_file_type)).map((t) =>
      t.trim().replace(/^\./, "").toLowerCase(),
    );
    if (types.length) set("attachmentsAllowedTypes", types.join(","), "ticket_file_type");
    else entity.skip("ticket_file_type is not a readable list");
  }

  const without = (key: keyof ConfigRow, why: string) => {
    if (has(key) && config[key] !== "" && config[key] !== 0) report.note(`Setting ${key}: ${why}.`);
  };
  without("logo", "the logo file is not copied; upload it again under Admin → Settings");
  without("windows_title", "Helpdeck titles pages with the help desk name");
  without("recaptcha", "Helpdeck has no reCAPTCHA; it rate-limits the portal instead");
  without("tickets_replies", "Helpdeck shows a ticket's whole thread on one page");
  without("page_size", "the knowledge base and admin lists use Helpdeck's own page size");
  const clamp = (value: number | undefined, min: number, max: number) =>
    Math.max(min, Math.min(max, value ?? min));
  if (has("kb_articles")) set("kbArticlesPerPage", clamp(config.kb_articles, 5, 100), "kb_articles");
  if (has("kb_maxchar")) set("kbExcerptLength", clamp(config.kb_maxchar, 50, 1000), "kb_maxchar");
  if (has("kb_popular")) set("kbPopularCount", clamp(config.kb_popular, 0, 20), "kb_popular");
  if (has("kb_latest")) set("kbLatestCount", clamp(config.kb_latest, 0, 20), "kb_latest");
  entity.read = entity.imported + entity.skippedCount;
  return out;
}
