import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { priorities } from "@/db/schema";
import { AppError } from "../errors";
import { moveInOrder } from "../ordering";

export async function getPriority(id: number) {
  const [row] = await db.select().from(priorities).where(eq(priorities.id, id));
  return row ?? null;
}

export async function savePriority(id: number | null, input: { name: string; color: string }) {
  const values = { name: input.name.trim(), color: input.color.toLowerCase() };
  if (id === null) {
    const [last] = await db.select({ value: sql<number>`COALESCE(MAX(${priorities.sortOrder}), 0)` }).from(priorities);
    const [row] = await db.insert(priorities).values({ ...values, sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767) }).$returningId();
    return { id: row!.id };
  }
  const [result] = await db.update(priorities).set(values).where(eq(priorities.id, id));
  if (result.affectedRows === 0 && !(await getPriority(id))) throw new AppError("not_found", "Priority not found.");
  return { id };
}

/** Tickets with this priority keep existing with none (the column is set null). */
export async function deletePriority(id: number) {
  const [result] = await db.delete(priorities).where(eq(priorities.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Priority not found.");
}

export async function movePriority(id: number, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: priorities.id }).from(priorities).orderBy(asc(priorities.sortOrder), asc(priorities.id)).for("update");
    const found = await moveInOrder(rows.map((r) => r.id), id, direction, (rowId, position) =>
      tx.update(priorities).set({ sortOrder: position }).where(eq(priorities.id, rowId)),
    );
    if (!found) throw new AppError("not_found", "Priority not found.");
  });
}
