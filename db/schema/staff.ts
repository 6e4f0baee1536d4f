import { boolean, datetime, index, mysqlEnum, mysqlTable, primaryKey, text, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt } from "./columns";
import { departments } from "./departments";

export const staffRoles = ["admin", "agent"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = mysqlTable("staff", {
  id: id(),
  username: varchar("username", { length: 100 }).notNull().unique(),
  fullname: varchar("fullname", { length: 200 }).notNull(),
  email: varchar("email", { length: 254 }).notNull().unique(),
  passwordHash: varchar("password_hash", { length: 255 }).notNull(),
  role: mysqlEnum("role", staffRoles).notNull().default("agent"),
  active: boolean("active").notNull().default(true),
  signature: text("signature"),
  timezone: varchar("timezone", { length: 64 }),
  twoFactorSecret: varchar("two_factor_secret", { length: 255 }),
  lastLoginAt: datetime("last_login_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Which departments an agent works in; admins see every department regardless. */
export const staffDepartments = mysqlTable(
  "staff_departments",
  {
    staffId: ref("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    departmentId: ref("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.departmentId] }), index("staff_departments_dept_idx").on(t.departmentId)],
);

export type Staff = typeof staff.$inferSelect;

/** Single-use recovery codes for two-factor sign-in, stored only as hashes. */
export const staffRecoveryCodes = mysqlTable(
  "staff_recovery_codes",
  {
    id: id(),
    staffId: ref("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    codeHash: varchar("code_hash", { length: 64 }).notNull(),
    usedAt: datetime("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_recovery_codes_staff_idx").on(t.staffId, t.codeHash)],
);
