import {
  boolean,
  datetime,
  index,
  int,
  json,
  longtext,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  smallint,
  text,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";
import { departments } from "./departments";
import { tickets } from "./tickets";

export const tlsModes = ["none", "starttls", "tls"] as const;
export const incomingModes = ["none", "pipe", "imap"] as const;

export const emailAddresses = mysqlTable("email_addresses", {
  id: id(),
  email: varchar("email", { length: 254 }).notNull().unique(),
  senderName: varchar("sender_name", { length: 200 }).notNull(),
  departmentId: ref("department_id").references(() => departments.id, { onDelete: "set null" }),
  isDefault: boolean("is_default").notNull().default(false),
  smtpHost: varchar("smtp_host", { length: 255 }),
  smtpPort: smallint("smtp_port", { unsigned: true }),
  smtpSecurity: mysqlEnum("smtp_security", tlsModes).notNull().default("starttls"),
  smtpUser: varchar("smtp_user", { length: 255 }),
  /** Encrypted with the key from HELPDECK_SECRET_KEY; never shown back. */
  smtpPasswordEnc: text("smtp_password_enc"),
  incoming: mysqlEnum("incoming", incomingModes).notNull().default("none"),
  imapHost: varchar("imap_host", { length: 255 }),
  imapPort: smallint("imap_port", { unsigned: true }),
  imapSecurity: mysqlEnum("imap_security", tlsModes).notNull().default("tls"),
  imapUser: varchar("imap_user", { length: 255 }),
  imapPasswordEnc: text("imap_password_enc"),
  imapFolder: varchar("imap_folder", { length: 255 }).notNull().default("INBOX"),
  imapAllowSelfSigned: boolean("imap_allow_self_signed").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const emailEvents = [
  "new_ticket_customer",
  "staff_reply",
  "autoresponse",
  "new_ticket_staff",
  "customer_reply_staff",
  "assignment",
  "password_reset",
  "invitation",
  "ticket_link",
  "email_change",
  "feedback_status",
] as const;
export type EmailEvent = (typeof emailEvents)[number];

export const emailTemplates = mysqlTable("email_templates", {
  id: id(),
  event: mysqlEnum("event", emailEvents).notNull().unique(),
  subject: varchar("subject", { length: 255 }).notNull(),
  body: text("body").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  updatedAt: updatedAt(),
});

/** Mail waiting to go out; written in the same transaction as the change that caused it. */
export const outbox = mysqlTable(
  "outbox",
  {
    id: id(),
    emailAddressId: ref("email_address_id").references(() => emailAddresses.id, { onDelete: "set null" }),
    ticketId: ref("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    event: varchar("event", { length: 64 }).notNull(),
    toAddress: varchar("to_address", { length: 1000 }).notNull(),
    ccAddress: varchar("cc_address", { length: 2000 }),
    subject: varchar("subject", { length: 998 }).notNull(),
    bodyText: mediumtext("body_text").notNull(),
    bodyHtml: mediumtext("body_html"),
    messageId: varchar("message_id", { length: 255 }).notNull().unique(),
    inReplyTo: varchar("in_reply_to", { length: 255 }),
    references: text("references"),
    headers: json("headers").$type<Record<string, string>>(),
    /** Attachment ids to send with the mail. */
    attachmentIds: json("attachment_ids").$type<number[]>(),
    status: mysqlEnum("status", ["pending", "sending", "sent", "failed"]).notNull().default("pending"),
    attempts: int("attempts", { unsigned: true }).notNull().default(0),
    nextAttemptAt: datetime("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentAt: datetime("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_ticket_idx").on(t.ticketId)],
);

/** Every inbound message seen: dedupe by Message-ID, and a dead-letter list for what could not be stored. */
export const inboundMail = mysqlTable(
  "inbound_mail",
  {
    id: id(),
    /** sha256 of the Message-ID (or of the raw message when it has none). */
    dedupeKey: varchar("dedupe_key", { length: 64 }).notNull().unique(),
    messageId: varchar("message_id", { length: 998 }),
    source: mysqlEnum("source", ["pipe", "imap"]).notNull(),
    emailAddressId: ref("email_address_id").references(() => emailAddresses.id, { onDelete: "set null" }),
    fromAddress: varchar("from_address", { length: 254 }),
    subject: varchar("subject", { length: 998 }),
    status: mysqlEnum("status", ["stored", "ignored", "failed"]).notNull(),
    reason: text("reason"),
    ticketId: ref("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    /** The raw message is kept for failed ones so an admin can retry them. */
    raw: longtext("raw"),
    createdAt: createdAt(),
  },
  (t) => [index("inbound_mail_status_idx").on(t.status, t.createdAt), index("inbound_mail_from_idx").on(t.fromAddress, t.createdAt)],
);

export type EmailAddress = typeof emailAddresses.$inferSelect;
export type OutboxMail = typeof outbox.$inferSelect;
