import { relations } from "drizzle-orm";
import {
  type AnyMySqlColumn,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";
import { staff } from "./staff";
import { tickets } from "./tickets";
import { users } from "./users";

export const feedbackKinds = ["idea", "suggestion"] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

export const feedbackStatuses = ["new", "under_review", "planned", "in_progress", "done", "declined"] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

/** pending: waits for an agent's approval (admin setting); hidden: an agent took it off the portal. */
export const feedbackVisibilities = ["pending", "visible", "hidden"] as const;
export type FeedbackVisibility = (typeof feedbackVisibilities)[number];

export const feedbackCategories = mysqlTable("feedback_categories", {
  id: id(),
  name: varchar("name", { length: 100 }).notNull().unique(),
  description: varchar("description", { length: 500 }).notNull().default(""),
  sortOrder: smallint("sort_order").notNull().default(0),
  createdAt: createdAt(),
});

export const feedbackItems = mysqlTable(
  "feedback_items",
  {
    id: id(),
    kind: mysqlEnum("kind", feedbackKinds).notNull().default("idea"),
    title: varchar("title", { length: 200 }).notNull(),
    /** Plain text (what the customer typed, control characters removed); pages escape it. */
    description: text("description").notNull(),
    categoryId: ref("category_id").references(() => feedbackCategories.id, { onDelete: "set null" }),
    /** Null once the customer's account is deleted: the idea and its votes stay. */
    authorUserId: ref("author_user_id").references(() => users.id, { onDelete: "set null" }),
    status: mysqlEnum("status", feedbackStatuses).notNull().default("new"),
    visibility: mysqlEnum("visibility", feedbackVisibilities).notNull().default("visible"),
    /** The agents' public note beside the status ("Planned for the spring release"). */
    statusNote: text("status_note"),
    statusChangedAt: timestamp("status_changed_at", { mode: "date" }),
    /** A duplicate points at the item that survived the merge; its page redirects there. */
    mergedIntoId: ref("merged_into_id").references((): AnyMySqlColumn => feedbackItems.id, { onDelete: "set null" }),
    /** Count of feedback_votes rows, kept in the same transaction as every vote change (lists sort by it). */
    voteCount: int("vote_count", { unsigned: true }).notNull().default(0),
    commentCount: int("comment_count", { unsigned: true }).notNull().default(0),
    ticketId: ref("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("feedback_items_latest_idx").on(t.visibility, t.createdAt),
    index("feedback_items_top_idx").on(t.visibility, t.voteCount),
    index("feedback_items_status_idx").on(t.status, t.visibility),
    index("feedback_items_category_idx").on(t.categoryId),
    index("feedback_items_author_idx").on(t.authorUserId),
    index("feedback_items_merged_idx").on(t.mergedIntoId),
  ],
);

/** One vote per customer and item. */
export const feedbackVotes = mysqlTable(
  "feedback_votes",
  {
    itemId: ref("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] }), index("feedback_votes_user_idx").on(t.userId)],
);

/** Comments by customers, or by agents (shown as the team's answer). */
export const feedbackComments = mysqlTable(
  "feedback_comments",
  {
    id: id(),
    itemId: ref("item_id")
      .notNull()
      .references(() => feedbackItems.id, { onDelete: "cascade" }),
    authorUserId: ref("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorStaffId: ref("author_staff_id").references(() => staff.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("feedback_comments_item_idx").on(t.itemId, t.createdAt)],
);

/** Customers who do not want status-change emails about feedback (unsubscribe link or profile toggle). */
export const feedbackEmailOptOuts = mysqlTable("feedback_email_opt_outs", {
  userId: ref("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

export const feedbackItemsRelations = relations(feedbackItems, ({ one }) => ({
  category: one(feedbackCategories, { fields: [feedbackItems.categoryId], references: [feedbackCategories.id] }),
}));

export type FeedbackCategory = typeof feedbackCategories.$inferSelect;
export type FeedbackItem = typeof feedbackItems.$inferSelect;
export type FeedbackComment = typeof feedbackComments.$inferSelect;
