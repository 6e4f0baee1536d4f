import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { departments, tickets } from "@/db/schema";
import { AppError } from "../errors";
import { deleteTicketsWhere, removeStoredFiles } from "../tickets/delete";

export type DepartmentInput = { name: string; isPrivate: boolean };

function cleanName(name: string) {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) throw new AppError("invalid", "Enter a department name.", { name: "Enter a department name." });
  return trimmed;
}

/** A new department goes last in the order. */
export async function createDepartment(input: DepartmentInput) {
  const name = cleanName(input.name);
  return db.transaction(async (tx) => {
    const [last] = await tx.select({ value: sql<number>`COALESCE(MAX(${departments.sortOrder}), 0)` }).from(departments);
    const [row] = await tx
      .insert(departments)
      .values({ name, isPrivate: input.isPrivate, sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767) })
      .$returningId();
    return { id: row!.id };
  });
}

export async function updateDepartment(id: number, input: DepartmentInput) {
  const name = cleanName(input.name);
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw new AppError("not_found", "Department not found.");
  await db.update(departments).set({ name, isPrivate: input.isPrivate }).where(eq(departments.id, id));
}

/** Deletes a department and its tickets in one transaction (agents' memberships cascade). */
export async function deleteDepartmentWithTickets(id: number) {
  const files = await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id)).for("update");
    if (!row) throw new AppError("not_found", "Department not found.");
    const deleted = await deleteTicketsWhere(tx, eq(tickets.departmentId, id));
    await tx.delete(departments).where(eq(departments.id, id));
    return deleted.files;
  });
  await removeStoredFiles(files);
}
