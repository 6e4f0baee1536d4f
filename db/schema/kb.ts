import { relations } from "drizzle-orm";
import {
  boolean,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  timestamp,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";
import { staff } from "./staff";

export const kbCategories = mysqlTable("kb_categories", {
  id: id(),
  parentId: ref("parent_id"),
  name: varchar("name", { length: 200 }).notNull(),
  description: varchar("description", { length: 500 }).notNull().default(""),
  /** A staff-only category hides itself, its subcategories and their articles from the portal. */
  isPublic: boolean("is_public").notNull().default(true),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const kbArticleFormats = ["markdown", "html"] as const;
export type KbArticleFormat = (typeof kbArticleFormats)[number];

export const kbArticles = mysqlTable(
  "kb_articles",
  {
    id: id(),
    categoryId: ref("category_id").references(() => kbCategories.id, { onDelete: "set null" }),
    title: varchar("title", { length: 255 }).notNull(),
    /** For readable URLs only (/kb/articles/<id>-<slug>): the id finds the article. */
    slug: varchar("slug", { length: 255 }).notNull(),
    /** What the author wrote, in `format`. */
    body: mediumtext("body").notNull(),
    format: mysqlEnum("format", kbArticleFormats).notNull().default("markdown"),
    /**
     * The body rendered and sanitised once at save time (lib/kb/text.ts renderArticleBody); pages show
     * this. Empty only for rows written without it (e.g. a bulk import): renderMissingArticleBodies fills them.
     */
    bodyHtml: mediumtext("body_html").notNull().default(""),
    /** Plain text of the body: what the full-text index and the excerpts read. */
    bodyText: mediumtext("body_text").notNull().default(""),
    status: mysqlEnum("status", ["draft", "published"]).notNull().default("draft"),
    isPublic: boolean("is_public").notNull().default(true),
    sortOrder: smallint("sort_order").notNull().default(0),
    authorStaffId: ref("author_staff_id").references(() => staff.id, { onDelete: "set null" }),
    views: int("views", { unsigned: true }).notNull().default(0),
    helpfulYes: int("helpful_yes", { unsigned: true }).notNull().default(0),
    helpfulNo: int("helpful_no", { unsigned: true }).notNull().default(0),
    publishedAt: timestamp("published_at", { mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("kb_articles_category_idx").on(t.categoryId, t.status),
    index("kb_articles_popular_idx").on(t.status, t.isPublic, t.views),
    index("kb_articles_latest_idx").on(t.status, t.isPublic, t.publishedAt),
  ],
);

/** Files attached to an article, stored like ticket attachments (lib/attachments). */
export const kbAttachments = mysqlTable(
  "kb_attachments",
  {
    id: id(),
    articleId: ref("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    filename: varchar("filename", { length: 255 }).notNull(),
    contentType: varchar("content_type", { length: 127 }).notNull(),
    size: int("size", { unsigned: true }).notNull(),
    storageKey: varchar("storage_key", { length: 255 }).notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("kb_attachments_article_idx").on(t.articleId)],
);

/** One "was this helpful?" answer per visitor (signed-in customer, staff member or browser cookie). */
export const kbVotes = mysqlTable(
  "kb_votes",
  {
    articleId: ref("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    voter: varchar("voter", { length: 64 }).notNull(),
    helpful: boolean("helpful").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voter] })],
);

export const kbArticlesRelations = relations(kbArticles, ({ one, many }) => ({
  category: one(kbCategories, { fields: [kbArticles.categoryId], references: [kbCategories.id] }),
  attachments: many(kbAttachments),
}));

export type KbCategory = typeof kbCategories.$inferSelect;
export type KbArticle = typeof kbArticles.$inferSelect;
export type KbAttachment = typeof kbAttachments.$inferSelect;
