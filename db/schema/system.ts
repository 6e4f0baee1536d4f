import { boolean, datetime, index, int, json, mysqlEnum, mysqlTable, text, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref } from "./columns";

/** Key/value settings; lib/settings holds the typed defaults. */
export const settings = mysqlTable("settings", {
  name: varchar("name", { length: 64 }).primaryKey(),
  value: text("value").notNull(),
});

export const apiKeys = mysqlTable("api_keys", {
  id: id(),
  name: varchar("name", { length: 200 }).notNull(),
  /** sha256 of the token; the token itself is shown once and never stored. */
  tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
  tokenPrefix: varchar("token_prefix", { length: 12 }).notNull(),
  permissions: json("permissions").$type<string[]>().notNull(),
  /** One entry a line: exact IPv4/IPv6, a.b.c.* wildcard, or CIDR. Empty admits any caller. */
  ipAllowlist: text("ip_allowlist"),
  active: boolean("active").notNull().default(true),
  /** Requests a minute this key may make; 0 means no limit. */
  rateLimitPerMinute: int("rate_limit_per_minute", { unsigned: true }).notNull().default(600),
  lastUsedAt: datetime("last_used_at"),
  lastUsedIp: varchar("last_used_ip", { length: 45 }),
  createdAt: createdAt(),
});

export type ApiKey = typeof apiKeys.$inferSelect;

export const auditLog = mysqlTable(
  "audit_log",
  {
    id: id(),
    actorType: mysqlEnum("actor_type", ["staff", "user", "system", "api"]).notNull(),
    actorId: ref("actor_id"),
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 64 }),
    targetId: varchar("target_id", { length: 64 }),
    details: json("details").$type<Record<string, unknown>>(),
    ip: varchar("ip", { length: 45 }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_actor_idx").on(t.actorType, t.actorId)],
);

/** Fixed-window counters for abuse limits (sign-in attempts, portal submissions, API calls). */
export const rateLimits = mysqlTable("rate_limits", {
  bucket: varchar("bucket", { length: 191 }).primaryKey(),
  hits: int("hits", { unsigned: true }).notNull(),
  resetAt: datetime("reset_at").notNull(),
});

/** Single-use tokens for password reset, invitations and email confirmation; stored hashed. */
export const authTokens = mysqlTable(
  "auth_tokens",
  {
    id: id(),
    purpose: mysqlEnum("purpose", ["password_reset", "invitation", "email_change"]).notNull(),
    principalType: mysqlEnum("principal_type", ["user", "staff"]).notNull(),
    principalId: ref("principal_id").notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
    data: json("data").$type<Record<string, string>>(),
    expiresAt: datetime("expires_at").notNull(),
    usedAt: datetime("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_principal_idx").on(t.principalType, t.principalId)],
);
