import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { departments } from "@/db/schema";
import { getSettings } from "../settings";
import { countTicketGroups } from "../tickets/counts";

export function listDepartments() {
  return db
    .select({ id: departments.id, name: departments.name, isPrivate: departments.isPrivate })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

/** Every department's id (an admin's search covers them all). */
export async function listDepartmentIds(): Promise<number[]> {
  const rows = await db.select({ id: departments.id }).from(departments);
  return rows.map((row) => row.id);
}

/**
 * Departments a customer may choose on the portal: public ones whose portal is switched on. With an
 * audience, none when the admin switched that portal off (public: visitors; private: signed-in customers).
 */
export async function listPortalDepartments(audience?: "public" | "private") {
  if (audience) {
    const settings = await getSettings();
    if (!(audience === "public" ? settings.publicPortal : settings.privatePortal)) return [];
  }
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.isPrivate, false), eq(departments.portalEnabled, true)))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

/** Whether the portal may file a ticket in this department (public and portal on). */
export async function isPortalDepartment(id: number) {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.isPrivate, false), eq(departments.portalEnabled, true)));
  return Boolean(row);
}

export async function getDepartment(id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row ?? null;
}

/** Every department with its ticket count (from the counters), in display order, for the admin list. */
export async function listDepartmentsWithCounts() {
  const [rows, groups] = await Promise.all([
    db.select().from(departments).orderBy(asc(departments.sortOrder), asc(departments.id)),
    countTicketGroups(null),
  ]);
  const byDepartment = new Map<number, number>();
  for (const group of groups) byDepartment.set(group.departmentId, (byDepartment.get(group.departmentId) ?? 0) + group.tickets);
  return rows.map((row) => ({ ...row, tickets: byDepartment.get(row.id) ?? 0 }));
}
