"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteCannedResponse, moveCannedResponse, saveCannedResponse, sharedCanned } from "@/lib/canned/manage";
import { cannedFormSchema, idSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/canned"];

export async function saveCannedAction(id: unknown, input: unknown) {
  const result = await adminAction(
    z.object({ id: idSchema.nullable(), values: cannedFormSchema }),
    { id, values: input },
    async ({ id, values }, { audit }) => {
      const saved = await saveCannedResponse(sharedCanned, id, values);
      await audit(id ? "canned.update" : "canned.create", { type: "canned_response", id: saved.id }, { title: values.title });
      return { message: "Canned response saved." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/canned");
  return { ...result, fieldErrors: result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^values\./, ""), v])) };
}

export async function deleteCannedAction(id: unknown) {
  const result = await adminAction(idSchema, id, async (id, { audit }) => {
    await deleteCannedResponse(sharedCanned, id);
    await audit("canned.delete", { type: "canned_response", id });
    return { message: "Deleted." };
  }, paths);
  if (result.ok) redirect("/admin/canned");
  return result;
}

export async function moveCannedAction(id: unknown, direction: unknown) {
  return adminAction(z.object({ id: idSchema, direction: z.enum(["up", "down"]) }), { id, direction }, async ({ id, direction }, { audit }) => {
    await moveCannedResponse(sharedCanned, id, direction);
    await audit("canned.reorder", { type: "canned_response", id }, { direction });
    return { message: "Order saved." };
  }, paths);
}
