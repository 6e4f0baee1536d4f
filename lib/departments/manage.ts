import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { departments, tickets } from "@/db/schema";
import { AppError } from "../errors";
import { deleteTicketsWhere, removeStoredFiles } from "../tickets/delete";

export type DepartmentInput = { name: string; isPrivate: boolean; portalEnabled?: boolean };

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
      .values({
        name,
        isPrivate: input.isPrivate,
        portalEnabled: input.portalEnabled ?? true,
        sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767),
      })
      .$returningId();
    return { id: row!.id };
  });
}

export async function updateDepartment(id: number, input: DepartmentInput) {
  const name = cleanName(input.name);
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw new AppError("not_found", "Department not found.");
  await db
    .update(departments)
    .set({ name, isPrivate: input.isPrivate, ...(input.portalEnabled === undefined ? {} : { portalEnabled: input.portalEnabled }) })
    .where(eq(departments.id, id));
}

/** Moves a department one place up or down; the whole order is rewritten 1..n so gaps and ties vanish. */
export async function moveDepartment(id: number, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: departments.id })
      .from(departments)
      .orderBy(asc(departments.sortOrder), asc(departments.id))
      .for("update");
    const index = rows.findIndex((row) => row.id === id);
    if (index < 0) throw new AppError("not_found", "Department not found.");
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= rows.length) return;
    [rows[index], rows[other]] = [rows[other]!, rows[index]!];
    for (const [position, row] of rows.entries()) {
      await tx.update(departments).set({ sortOrder: position + 1 }).where(eq(departments.id, row.id));
    }
  });
}

/**
 * Moves every ticket of a department to another one and deletes the department, in one transaction
 * (agents' memberships and per-department field links cascade). Returns how many tickets moved.
 */
export async function moveDepartmentTickets(fromId: number, toId: number) {
  if (fromId === toId) {
    const message = "Choose another department for its tickets.";
    throw new AppError("invalid", message, { targetId: message });
  }
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(sql`${departments.id} IN (${fromId}, ${toId})`)
      .for("update");
    if (!found.some((row) => row.id === fromId)) throw new AppError("not_found", "Department not found.");
    if (!found.some((row) => row.id === toId)) {
      const message = "The department to move the tickets to does not exist.";
      throw new AppError("invalid", message, { targetId: message });
    }
    const [moved] = await tx.update(tickets).set({ departmentId: toId }).where(eq(tickets.departmentId, fromId));
    await tx.delete(departments).where(eq(departments.id, fromId));
    return { moved: moved.affectedRows };
  });
}

/** Deletes a department and its tickets in one transaction (agents' memberships cascade). */
export async function deleteDepartmentWithTickets(id: number) {
  const { files, count } = await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id)).for("update");
    if (!row) throw new AppError("not_found", "Department not found.");
    const deleted = await deleteTicketsWhere(tx, eq(tickets.departmentId, id));
    await tx.delete(departments).where(eq(departments.id, id));
    return { files: deleted.files, count: deleted.count };
  });
  await removeStoredFiles(files);
  return { deleted: count };
}

/** The admin's choice when deleting a department: its tickets go elsewhere or go away with it. */
export async function deleteDepartment(id: number, choice: { tickets: "move"; targetId: number } | { tickets: "delete" }) {
  return choice.tickets === "move" ? moveDepartmentTickets(id, choice.targetId) : deleteDepartmentWithTickets(id);
}
