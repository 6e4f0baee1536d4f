"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteCustomField, moveCustomField, saveCustomField } from "@/lib/custom-fields";
import { customFieldFormSchema, idSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/custom-fields"];

export async function saveCustomFieldAction(id: unknown, input: unknown) {
  const result = await adminAction(
    z.object({ id: idSchema.nullable(), values: customFieldFormSchema }),
    { id, values: input },
    async ({ id, values }, { audit }) => {
      const options = values.options.split("\n").map((o) => o.trim()).filter(Boolean);
      const saved = await saveCustomField(id, { ...values, options });
      await audit(id ? "custom_field.update" : "custom_field.create", { type: "custom_field", id: saved.id }, { ...values, options });
      return { message: "Custom field saved." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/custom-fields");
  return { ...result, fieldErrors: result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^values\./, ""), v])) };
}

export async function deleteCustomFieldAction(id: unknown) {
  const result = await adminAction(idSchema, id, async (id, { audit }) => {
    await deleteCustomField(id);
    await audit("custom_field.delete", { type: "custom_field", id });
    return { message: "Deleted." };
  }, paths);
  if (result.ok) redirect("/admin/custom-fields");
  return result;
}

export async function moveCustomFieldAction(id: unknown, direction: unknown) {
  return adminAction(z.object({ id: idSchema, direction: z.enum(["up", "down"]) }), { id, direction }, async ({ id, direction }, { audit }) => {
    await moveCustomField(id, direction);
    await audit("custom_field.reorder", { type: "custom_field", id }, { direction });
    return { message: "Order saved." };
  }, paths);
}
