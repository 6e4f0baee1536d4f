// zod schemas for the HelpDeskZ rows we read: the boundary where the source's loose types (ints that
// may arrive as strings, NULLs, '' for "none") become the types the mappers work with.
import { z } from "zod";

const int = z.coerce.number().int().catch(0);
const str = z.preprocess(
  (v) => (v == null ? "" : Buffer.isBuffer(v) ? v.toString("utf8") : String(v)),
  z.string(),
);
const optStr = z.preprocess(
  (v) => (v == null ? null : Buffer.isBuffer(v) ? v.toString("utf8") : String(v)),
  z.string().nullable(),
);

export const departmentRow = z.object({ id: int, dep_order: int, name: str, private: int });

export const priorityRow = z.object({ id: int, name: str, color: str });

export const staffRow = z.object({
  id: int,
  username: str,
  password: str,
  fullname: str,
  email: optStr,
  registration: int,
  login: int,
  last_login: int,
  department: optStr,
  timezone: optStr,
  signature: optStr,
  two_factor: optStr.optional(),
  admin: int,
  active: int,
});

export const userRow = z.object({
  id: int,
  fullname: str,
  email: str,
  password: str,
  registration: int,
  last_login: int,
  timezone: optStr,
  status: int,
});

export const customFieldRow = z.object({
  id: int,
  type: str,
  title: str,
  value: optStr,
  required: int,
  departments: optStr,
  display: int,
});

export const ticketRow = z.object({
  id: int,
  department_id: int,
  priority_id: int,
  user_id: int,
  subject: str,
  date: int,
  last_update: int,
  status: int,
  custom_vars: optStr,
  /** Joined: whether hdz_users has the ticket's user. */
  user_found: int,
  /** Joined: "customer:email" flags of the ticket's first message. */
  first_message: optStr,
});

export const messageRow = z.object({
  id: int,
  ticket_id: int,
  date: int,
  customer: int,
  staff_id: int,
  message: str,
  ip: optStr,
  /** Joined from the ticket: its user, and whether ticket and user exist. */
  ticket_found: int,
  ticket_user_id: int,
  user_found: int,
});

export const noteRow = z.object({
  id: int,
  ticket_id: int,
  staff_id: int,
  date: int,
  message: str,
  ticket_found: int,
});

export const attachmentRow = z.object({
  id: int,
  name: str,
  enc: str,
  filetype: optStr,
  article_id: int,
  ticket_id: int,
  msg_id: int,
  filesize: optStr,
  ticket_found: int,
  message_found: int,
  article_found: int,
});

export const cannedRow = z.object({
  id: int,
  title: optStr,
  message: optStr,
  position: int,
  date: int,
  staff_id: int,
});

export const kbCategoryRow = z.object({ id: int, name: str, position: int, parent: int, public: int });

export const articleRow = z.object({
  id: int,
  title: str,
  content: optStr,
  category: int,
  staff_id: int,
  date: int,
  last_update: int,
  views: int,
  public: int,
});

export const emailRow = z.object({
  id: int,
  default: int,
  name: optStr,
  email: str,
  department_id: int,
  created: int,
  outgoing_type: str,
  smtp_host: optStr,
  smtp_port: optStr,
  smtp_encryption: optStr,
  smtp_username: optStr,
  smtp_password: optStr,
  incoming_type: optStr,
  imap_host: optStr,
  imap_port: optStr,
  imap_username: optStr,
  imap_password: optStr,
});

export const templateRow = z.object({ id: str, name: str, subject: str, message: str, status: int });

export const apiRow = z.object({
  id: int,
  name: str,
  token: str,
  date: int,
  permissions: optStr,
  ip_address: optStr,
  active: int,
});

/** hdz_config: one row; every column optional, as older installs lack some. */
export const configRow = z
  .object({
    site_name: optStr,
    windows_title: optStr,
    logo: optStr,
    page_size: int,
    date_format: optStr,
    timezone: optStr,
    maintenance: int,
    maintenance_message: optStr,
    recaptcha: int,
    login_attempt: int,
    login_attempt_minutes: int,
    reply_order: optStr,
    tickets_page: int,
    tickets_replies: int,
    overdue_time: int,
    ticket_autoclose: int,
    ticket_attachment: int,
    ticket_attachment_number: int,
    ticket_file_size: z.coerce.number().catch(0),
    ticket_file_type: optStr,
    kb_articles: int,
    kb_maxchar: int,
    kb_popular: int,
    kb_latest: int,
  })
  .partial();

export type DepartmentRow = z.infer<typeof departmentRow>;
export type PriorityRow = z.infer<typeof priorityRow>;
export type StaffRow = z.infer<typeof staffRow>;
export type UserRow = z.infer<typeof userRow>;
export type CustomFieldRow = z.infer<typeof customFieldRow>;
export type TicketRow = z.infer<typeof ticketRow>;
export type MessageRow = z.infer<typeof messageRow>;
export type NoteRow = z.infer<typeof noteRow>;
export type AttachmentRow = z.infer<typeof attachmentRow>;
export type CannedRow = z.infer<typeof cannedRow>;
export type KbCategoryRow = z.infer<typeof kbCategoryRow>;
export type ArticleRow = z.infer<typeof articleRow>;
export type EmailRow = z.infer<typeof emailRow>;
export type TemplateRow = z.infer<typeof templateRow>;
export type ApiRow = z.infer<typeof apiRow>;
export type ConfigRow = z.infer<typeof configRow>;
