import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { auditLog, staff } from "@/db/schema";
import type { StaffActor } from "./auth/actors";

// Who changed what, when and from where. Every admin action writes one entry through recordAudit.

export type AuditTarget = { type: string; id?: number | string | null } | null;

export async function recordAudit(
  actor: Pick<StaffActor, "id"> | null,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> | null = null,
  ip: string | null = null,
  tx: Tx = db,
) {
  await tx.insert(auditLog).values({
    actorType: actor ? "staff" : "system",
    actorId: actor?.id ?? null,
    action: action.slice(0, 64),
    targetType: target?.type.slice(0, 64) ?? null,
    targetId: target?.id == null ? null : String(target.id).slice(0, 64),
    details: details && Object.keys(details).length ? redact(details) : null,
    ip: ip?.slice(0, 45) ?? null,
  });
}

/** Passwords and secrets never reach the log, even when an action passes its whole input. */
function redact(details: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, /password|secret|token/i.test(key) ? (value ? "(changed)" : value) : value]),
  );
}

export type AuditQuery = { actorId?: number; action?: string; from?: Date; to?: Date; page: number; pageSize: number };

function auditWhere(query: AuditQuery): SQL | undefined {
  return and(
    query.actorId ? and(eq(auditLog.actorType, "staff"), eq(auditLog.actorId, query.actorId)) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.createdAt, query.from) : undefined,
    query.to ? lt(auditLog.createdAt, query.to) : undefined,
  );
}

/** Newest first, one page at a time, with the total for the pager. */
export async function listAuditLog(query: AuditQuery) {
  const where = auditWhere(query);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        actorName: staff.fullname,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        details: auditLog.details,
        ip: auditLog.ip,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(staff, and(eq(auditLog.actorType, "staff"), eq(staff.id, auditLog.actorId)))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/** The actions that occur in the log, for the filter. */
export async function listAuditActions() {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .groupBy(auditLog.action)
    .orderBy(sql`${auditLog.action}`);
  return rows.map((row) => row.action);
}
