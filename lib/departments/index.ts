import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { departments } from "@/db/schema";

export function listDepartments() {
  return db
    .select({ id: departments.id, name: departments.name, isPrivate: departments.isPrivate })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

/** Departments a customer may choose on the portal. */
export function listPortalDepartments() {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.isPrivate, false))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

export async function getDepartment(id: number) {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row ?? null;
}
