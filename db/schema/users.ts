import { boolean, datetime, index, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";

export const organizations = mysqlTable("organizations", {
  id: id(),
  name: varchar("name", { length: 200 }).notNull().unique(),
  /** When set, members see each other's tickets in the private portal. */
  sharesTickets: boolean("shares_tickets").notNull().default(false),
  createdAt: createdAt(),
});

/** New customers whose email is in one of these domains join the organization. */
export const organizationDomains = mysqlTable("organization_domains", {
  domain: varchar("domain", { length: 253 }).primaryKey(),
  organizationId: ref("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
});

/** Customers. A customer created by mail or by the public form has no password until they set one. */
export const users = mysqlTable(
  "users",
  {
    id: id(),
    fullname: varchar("fullname", { length: 200 }).notNull(),
    email: varchar("email", { length: 254 }).notNull().unique(),
    passwordHash: varchar("password_hash", { length: 255 }),
    organizationId: ref("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    timezone: varchar("timezone", { length: 64 }),
    blocked: boolean("blocked").notNull().default(false),
    lastLoginAt: datetime("last_login_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("users_org_idx").on(t.organizationId), index("users_name_idx").on(t.fullname)],
);

export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
