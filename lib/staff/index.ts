import { and, asc, eq, or } from "drizzle-orm";
import { db } from "@/db";
import { priorities, staff, staffDepartments } from "@/db/schema";

/** Active staff who may be assigned a ticket of this department: its agents, and every admin. */
export async function listAssignableStaff(departmentId: number) {
  const rows = await db
    .selectDistinct({ id: staff.id, fullname: staff.fullname })
    .from(staff)
    .leftJoin(staffDepartments, and(eq(staffDepartments.staffId, staff.id), eq(staffDepartments.departmentId, departmentId)))
    .where(and(eq(staff.active, true), or(eq(staff.role, "admin"), eq(staffDepartments.departmentId, departmentId))))
    .orderBy(asc(staff.fullname));
  return rows;
}

export function listPriorities() {
  return db
    .select({ id: priorities.id, name: priorities.name, color: priorities.color })
    .from(priorities)
    .orderBy(asc(priorities.sortOrder), asc(priorities.id));
}

/** Active staff, for assignee pickers across departments (the domain re-checks each assignment). */
export function listActiveStaff() {
  return db
    .select({ id: staff.id, fullname: staff.fullname, role: staff.role })
    .from(staff)
    .where(eq(staff.active, true))
    .orderBy(asc(staff.fullname));
}

export async function getStaffSignature(staffId: number): Promise<string | null> {
  const [row] = await db.select({ signature: staff.signature }).from(staff).where(eq(staff.id, staffId));
  return row?.signature?.trim() || null;
}
