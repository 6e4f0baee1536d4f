"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deletePriority, movePriority, savePriority } from "@/lib/priorities/manage";
import { idSchema, priorityFormSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/priorities"];

export async function savePriorityAction(id: unknown, input: unknown) {
  const result = await adminAction(
    z.object({ id: idSchema.nullable(), values: priorityFormSchema }),
    { id, values: input },
    async ({ id, values }, { audit }) => {
      const saved = await savePriority(id, values);
      await audit(id ? "priority.update" : "priority.create", { type: "priority", id: saved.id }, values);
      return { message: "Priority saved." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/priorities");
  return { ...result, fieldErrors: result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^values\./, ""), v])) };
}

export async function deletePriorityAction(id: unknown) {
  const result = await adminAction(idSchema, id, async (id, { audit }) => {
    await deletePriority(id);
    await audit("priority.delete", { type: "priority", id });
    return { message: "Deleted." };
  }, paths);
  if (result.ok) redirect("/admin/priorities");
  return result;
}

export async function movePriorityAction(id: unknown, direction: unknown) {
  return adminAction(z.object({ id: idSchema, direction: z.enum(["up", "down"]) }), { id, direction }, async ({ id, direction }, { audit }) => {
    await movePriority(id, direction);
    await audit("priority.reorder", { type: "priority", id }, { direction });
    return { message: "Order saved." };
  }, paths);
}
