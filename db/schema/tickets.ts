import {
  boolean,
  datetime,
  index,
  int,
  json,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  tinyint,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref } from "./columns";
import { departments } from "./departments";
import { staff } from "./staff";
import { users } from "./users";

export const priorities = mysqlTable("priorities", {
  id: id(),
  name: varchar("name", { length: 100 }).notNull(),
  color: varchar("color", { length: 7 }).notNull().default("#64748b"),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const ticketSources = ["web", "email", "api", "staff"] as const;
export const authorTypes = ["user", "staff", "system"] as const;

export const tickets = mysqlTable(
  "tickets",
  {
    id: id(),
    /** Random, unguessable token behind the public ticket link (/t/<token>). */
    publicToken: varchar("public_token", { length: 64 }).notNull().unique(),
    subject: varchar("subject", { length: 255 }).notNull(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    departmentId: ref("department_id")
      .notNull()
      .references(() => departments.id),
    priorityId: ref("priority_id").references(() => priorities.id, { onDelete: "set null" }),
    /** HelpDeskZ codes: 1 Open, 2 Answered, 3 Awaiting reply, 4 In progress, 5 Closed. */
    status: tinyint("status", { unsigned: true }).notNull().default(1),
    assignedStaffId: ref("assigned_staff_id").references(() => staff.id, { onDelete: "set null" }),
    source: mysqlEnum("source", ticketSources).notNull().default("web"),
    /** Public replies (not notes) after the opening message, as HelpDeskZ counts them. */
    replies: int("replies", { unsigned: true }).notNull().default(0),
    lastReplierType: mysqlEnum("last_replier_type", ["user", "staff"]).notNull().default("user"),
    lastReplierStaffId: ref("last_replier_staff_id").references(() => staff.id, { onDelete: "set null" }),
    /** Last activity, set by the domain layer (not ON UPDATE, so that a view or a flag does not bump it). */
    lastUpdateAt: datetime("last_update_at").notNull(),
    firstResponseAt: datetime("first_response_at"),
    closedAt: datetime("closed_at"),
    mergedIntoId: ref("merged_into_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("tickets_queue_idx").on(t.status, t.departmentId, t.lastUpdateAt),
    index("tickets_dept_idx").on(t.departmentId, t.lastUpdateAt),
    index("tickets_user_idx").on(t.userId, t.lastUpdateAt),
    // The department before the update: Mine and Unassigned of an agent are then ranges of the index
    // alone (counted without reading a row), not every assigned ticket looked up for its department.
    index("tickets_assignee_idx").on(t.assignedStaffId, t.status, t.departmentId, t.lastUpdateAt),
    // The queue sorted by subject: one ordered range per (status, department), merged (lib/tickets/queue.ts).
    index("tickets_subject_idx").on(t.status, t.departmentId, t.subject),
    index("tickets_last_update_idx").on(t.lastUpdateAt),
    // Dashboard: per-day counts and first-response medians over a bounded created/closed window,
    // answered from the index alone.
    index("tickets_created_idx").on(t.createdAt, t.departmentId, t.assignedStaffId, t.firstResponseAt),
    index("tickets_closed_idx").on(t.closedAt, t.departmentId, t.assignedStaffId, t.createdAt),
  ],
);

/**
 * Ticket counts per department and status, kept by triggers on `tickets` (migration 0009) so that every
 * writer (lib/tickets, the importer, bulk SQL) keeps them right in the same transaction as the change.
 * The token API's exact `total_tickets` is a sum of a few of these rows instead of a COUNT(*) over the
 * table. Each connection writes its own `slot` (CONNECTION_ID() % 8), so concurrent changes in one
 * department and status do not queue on one row; a slot may go negative, only sums mean anything.
 */
export const ticketCounts = mysqlTable(
  "ticket_counts",
  {
    departmentId: int("department_id", { unsigned: true }).notNull(),
    status: tinyint("status", { unsigned: true }).notNull(),
    slot: tinyint("slot", { unsigned: true }).notNull(),
    tickets: int("tickets").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.status, t.slot] })],
);

/**
 * Tickets per block of 4,096 ids (block = id DIV 4096), kept by the same triggers: the position of an
 * id in id order is the sum of the blocks before it plus a short walk inside its block, so the API's
 * OFFSET pages start next to their first row instead of walking every row before it.
 */
export const ticketIdBlocks = mysqlTable(
  "ticket_id_blocks",
  {
    block: int("block", { unsigned: true }).notNull(),
    slot: tinyint("slot", { unsigned: true }).notNull(),
    tickets: int("tickets").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.block, t.slot] })],
);

export const messages = mysqlTable(
  "messages",
  {
    id: id(),
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorType: mysqlEnum("author_type", authorTypes).notNull(),
    userId: ref("user_id").references(() => users.id, { onDelete: "set null" }),
    staffId: ref("staff_id").references(() => staff.id, { onDelete: "set null" }),
    /** Internal notes are for staff only and never leave the agent interface. */
    isNote: boolean("is_note").notNull().default(false),
    body: mediumtext("body").notNull(),
    bodyFormat: mysqlEnum("body_format", ["text", "html"]).notNull().default("text"),
    ip: varchar("ip", { length: 45 }),
    /** Message-ID of the mail this message came from or was sent as, for threading and dedupe. */
    emailMessageId: varchar("email_message_id", { length: 255 }),
    createdAt: createdAt(),
    editedAt: datetime("edited_at"),
  },
  (t) => [index("messages_ticket_idx").on(t.ticketId, t.id), index("messages_email_id_idx").on(t.emailMessageId)],
);

/** Files live on disk under the attachments directory; the row holds where and what. */
export const attachments = mysqlTable(
  "attachments",
  {
    id: id(),
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: ref("message_id").references(() => messages.id, { onDelete: "cascade" }),
    filename: varchar("filename", { length: 255 }).notNull(),
    contentType: varchar("content_type", { length: 127 }).notNull(),
    size: int("size", { unsigned: true }).notNull(),
    storageKey: varchar("storage_key", { length: 255 }).notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    contentId: varchar("content_id", { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_ticket_idx").on(t.ticketId), index("attachments_message_idx").on(t.messageId)],
);

/** People copied on a ticket besides its requester. */
export const ticketParticipants = mysqlTable(
  "ticket_participants",
  {
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    email: varchar("email", { length: 254 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.email] })],
);

/** Who changed what on a ticket, and every visit through the public link. */
export const ticketHistory = mysqlTable(
  "ticket_history",
  {
    id: id(),
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    actorType: mysqlEnum("actor_type", ["user", "staff", "system", "guest", "api"]).notNull(),
    actorId: ref("actor_id"),
    action: varchar("action", { length: 64 }).notNull(),
    details: json("details").$type<Record<string, unknown>>(),
    ip: varchar("ip", { length: 45 }),
    createdAt: createdAt(),
  },
  (t) => [index("ticket_history_ticket_idx").on(t.ticketId, t.id)],
);

export const customFieldTypes = ["text", "textarea", "checkbox", "radio", "select", "date", "email"] as const;

export const customFields = mysqlTable("custom_fields", {
  id: id(),
  type: mysqlEnum("type", customFieldTypes).notNull(),
  title: varchar("title", { length: 200 }).notNull(),
  description: text("description"),
  required: boolean("required").notNull().default(false),
  options: json("options").$type<string[]>(),
  allDepartments: boolean("all_departments").notNull().default(true),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const customFieldDepartments = mysqlTable(
  "custom_field_departments",
  {
    fieldId: ref("field_id")
      .notNull()
      .references(() => customFields.id, { onDelete: "cascade" }),
    departmentId: ref("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fieldId, t.departmentId] })],
);

export const ticketFieldValues = mysqlTable(
  "ticket_field_values",
  {
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    fieldId: ref("field_id")
      .notNull()
      .references(() => customFields.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.fieldId] })],
);

export const cannedResponses = mysqlTable("canned_responses", {
  id: id(),
  title: varchar("title", { length: 200 }).notNull(),
  body: text("body").notNull(),
  /** Null: shared with every agent; otherwise personal to this staff member. */
  staffId: ref("staff_id").references(() => staff.id, { onDelete: "cascade" }),
  sortOrder: smallint("sort_order").notNull().default(0),
  createdAt: createdAt(),
});

export type Ticket = typeof tickets.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type Priority = typeof priorities.$inferSelect;

/** Who has a ticket open right now (heartbeats from the agent's ticket page), for collision warnings. */
export const ticketViewers = mysqlTable(
  "ticket_viewers",
  {
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    staffId: ref("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    seenAt: datetime("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.staffId] })],
);
