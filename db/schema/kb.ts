import { boolean, index, int, mediumtext, mysqlEnum, mysqlTable, smallint, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";
import { staff } from "./staff";

export const kbCategories = mysqlTable("kb_categories", {
  id: id(),
  parentId: ref("parent_id"),
  name: varchar("name", { length: 200 }).notNull(),
  isPublic: boolean("is_public").notNull().default(true),
  sortOrder: smallint("sort_order").notNull().default(0),
});

export const kbArticles = mysqlTable(
  "kb_articles",
  {
    id: id(),
    categoryId: ref("category_id").references(() => kbCategories.id, { onDelete: "set null" }),
    title: varchar("title", { length: 255 }).notNull(),
    slug: varchar("slug", { length: 255 }).notNull().unique(),
    body: mediumtext("body").notNull(),
    status: mysqlEnum("status", ["draft", "published"]).notNull().default("draft"),
    authorStaffId: ref("author_staff_id").references(() => staff.id, { onDelete: "set null" }),
    views: int("views", { unsigned: true }).notNull().default(0),
    helpfulYes: int("helpful_yes", { unsigned: true }).notNull().default(0),
    helpfulNo: int("helpful_no", { unsigned: true }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("kb_articles_category_idx").on(t.categoryId, t.status)],
);
