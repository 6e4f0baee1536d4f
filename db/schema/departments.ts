import { boolean, index, mysqlTable, smallint, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id } from "./columns";

export const departments = mysqlTable(
  "departments",
  {
    id: id(),
    name: varchar("name", { length: 200 }).notNull(),
    /** Private departments are not offered on the portal; staff and the API can still use them. */
    isPrivate: boolean("is_private").notNull().default(false),
    /** Whether the customer portal offers this department (also requires it to be public). */
    portalEnabled: boolean("portal_enabled").notNull().default(true),
    sortOrder: smallint("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("departments_order_idx").on(t.sortOrder)],
);

export type Department = typeof departments.$inferSelect;
