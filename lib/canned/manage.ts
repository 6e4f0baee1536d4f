import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { cannedResponses } from "@/db/schema";
import { AppError } from "../errors";
import { moveInOrder } from "../ordering";

// Shared canned responses, managed by admins (staff_id null). Personal ones belong to each agent.

const shared = isNull(cannedResponses.staffId);

export function listSharedCannedResponses() {
  return db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body })
    .from(cannedResponses)
    .where(shared)
    .orderBy(asc(cannedResponses.sortOrder), asc(cannedResponses.id));
}

export async function getSharedCannedResponse(id: number) {
  const [row] = await db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body })
    .from(cannedResponses)
    .where(and(eq(cannedResponses.id, id), shared));
  return row ?? null;
}

export async function saveSharedCannedResponse(id: number | null, input: { title: string; body: string }) {
  if (id === null) {
    const [last] = await db.select({ value: sql<number>`COALESCE(MAX(${cannedResponses.sortOrder}), 0)` }).from(cannedResponses).where(shared);
    const [row] = await db
      .insert(cannedResponses)
      .values({ title: input.title, body: input.body, staffId: null, sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767) })
      .$returningId();
    return { id: row!.id };
  }
  const [result] = await db.update(cannedResponses).set(input).where(and(eq(cannedResponses.id, id), shared));
  if (result.affectedRows === 0) throw new AppError("not_found", "Canned response not found.");
  return { id };
}

export async function deleteSharedCannedResponse(id: number) {
  const [result] = await db.delete(cannedResponses).where(and(eq(cannedResponses.id, id), shared));
  if (result.affectedRows === 0) throw new AppError("not_found", "Canned response not found.");
}

export async function moveSharedCannedResponse(id: number, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: cannedResponses.id }).from(cannedResponses).where(shared).orderBy(asc(cannedResponses.sortOrder), asc(cannedResponses.id)).for("update");
    const found = await moveInOrder(rows.map((r) => r.id), id, direction, (rowId, position) =>
      tx.update(cannedResponses).set({ sortOrder: position }).where(and(eq(cannedResponses.id, rowId), shared)),
    );
    if (!found) throw new AppError("not_found", "Canned response not found.");
  });
}
