import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { cannedResponses } from "@/db/schema";
import { AppError } from "../errors";
import { moveInOrder } from "../ordering";

/**
 * Whose canned responses: the shared ones (staffId null, managed by admins) or one agent's personal
 * ones (managed by that agent). Every read and write below is limited to the owner's rows.
 */
export type CannedOwner = { staffId: number | null };
export const sharedCanned: CannedOwner = { staffId: null };

const ownedBy = (owner: CannedOwner) => (owner.staffId === null ? isNull(cannedResponses.staffId) : eq(cannedResponses.staffId, owner.staffId));

export function listCannedResponsesOf(owner: CannedOwner) {
  return db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body })
    .from(cannedResponses)
    .where(ownedBy(owner))
    .orderBy(asc(cannedResponses.sortOrder), asc(cannedResponses.id));
}

export async function getCannedResponseOf(owner: CannedOwner, id: number) {
  const [row] = await db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body })
    .from(cannedResponses)
    .where(and(eq(cannedResponses.id, id), ownedBy(owner)));
  return row ?? null;
}

export async function saveCannedResponse(owner: CannedOwner, id: number | null, input: { title: string; body: string }) {
  if (id === null) {
    const [last] = await db
      .select({ value: sql<number>`COALESCE(MAX(${cannedResponses.sortOrder}), 0)` })
      .from(cannedResponses)
      .where(ownedBy(owner));
    const [row] = await db
      .insert(cannedResponses)
      .values({ title: input.title, body: input.body, staffId: owner.staffId, sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767) })
      .$returningId();
    return { id: row!.id };
  }
  const [result] = await db.update(cannedResponses).set(input).where(and(eq(cannedResponses.id, id), ownedBy(owner)));
  if (result.affectedRows === 0) throw new AppError("not_found", "Canned response not found.");
  return { id };
}

export async function deleteCannedResponse(owner: CannedOwner, id: number) {
  const [result] = await db.delete(cannedResponses).where(and(eq(cannedResponses.id, id), ownedBy(owner)));
  if (result.affectedRows === 0) throw new AppError("not_found", "Canned response not found.");
}

export async function moveCannedResponse(owner: CannedOwner, id: number, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: cannedResponses.id })
      .from(cannedResponses)
      .where(ownedBy(owner))
      .orderBy(asc(cannedResponses.sortOrder), asc(cannedResponses.id))
      .for("update");
    const found = await moveInOrder(rows.map((r) => r.id), id, direction, (rowId, position) =>
      tx.update(cannedResponses).set({ sortOrder: position }).where(and(eq(cannedResponses.id, rowId), ownedBy(owner))),
    );
    if (!found) throw new AppError("not_found", "Canned response not found.");
  });
}
