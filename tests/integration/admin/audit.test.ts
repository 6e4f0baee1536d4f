import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog } from "@/db/schema";
import { listAuditLog, recordAudit } from "@/lib/audit";
import { makeStaff } from "../../support/factories";

describe("audit log", () => {
  it("records who did what to which target, from where, without secrets", async () => {
    const admin = await makeStaff({ role: "admin" });
    await recordAudit(admin.actor, "email_address.update", { type: "email_address", id: 7 }, { smtpHost: "smtp.example.com", smtpPassword: "hunter2" }, "203.0.113.9");
    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.actorType, "staff"), eq(auditLog.actorId, admin.id))).orderBy(desc(auditLog.id));
    expect(row).toMatchObject({ action: "email_address.update", targetType: "email_address", targetId: "7", ip: "203.0.113.9" });
    expect(row!.details).toEqual({ smtpHost: "smtp.example.com", smtpPassword: "(changed)" });
  });

  it("filters by actor, action and date range, one page at a time", async () => {
    const admin = await makeStaff({ role: "admin" });
    for (let i = 0; i < 3; i++) await recordAudit(admin.actor, "settings.update", { type: "settings", id: "tickets" }, { i }, "127.0.0.1");
    await recordAudit(admin.actor, "department.create", { type: "department", id: 1 }, null, "127.0.0.1");
    const all = await listAuditLog({ actorId: admin.id, page: 1, pageSize: 50 });
    expect(all.total).toBe(4);
    const settings = await listAuditLog({ actorId: admin.id, action: "settings.update", page: 1, pageSize: 2 });
    expect(settings.total).toBe(3);
    expect(settings.rows).toHaveLength(2);
    expect(settings.rows[0]!.actorName).toContain(admin.username);
    const page2 = await listAuditLog({ actorId: admin.id, action: "settings.update", page: 2, pageSize: 2 });
    expect(page2.rows).toHaveLength(1);
    const future = await listAuditLog({ actorId: admin.id, from: new Date(Date.now() + 86_400_000), page: 1, pageSize: 50 });
    expect(future.total).toBe(0);
    const past = await listAuditLog({ actorId: admin.id, to: new Date(Date.now() - 86_400_000), page: 1, pageSize: 50 });
    expect(past.total).toBe(0);
  });
});
