"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, fieldErrorsOf, invalidInput, type ActionResult } from "@/lib/actions";
import { requireStaff } from "@/lib/auth/session";
import { deleteCannedResponse, moveCannedResponse, saveCannedResponse } from "@/lib/canned/manage";
import { cannedFormSchema, idSchema } from "@/lib/validation/admin";

// An agent's personal canned responses: every action works on the signed-in agent's own rows only.

export async function savePersonalCannedAction(id: unknown, input: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = z.object({ id: idSchema.nullable(), values: cannedFormSchema }).safeParse({ id, values: input });
  if (!parsed.success) {
    // The form's fields are title and body, not values.title and values.body.
    const fieldErrors = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([k, v]) => [k.replace(/^values\./, ""), v]));
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors };
  }
  try {
    await saveCannedResponse({ staffId: actor.id }, parsed.data.id, parsed.data.values);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/canned");
  redirect("/agent/canned");
}

export async function deletePersonalCannedAction(id: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deleteCannedResponse({ staffId: actor.id }, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/canned");
  redirect("/agent/canned");
}

export async function movePersonalCannedAction(id: unknown, direction: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = z.object({ id: idSchema, direction: z.enum(["up", "down"]) }).safeParse({ id, direction });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await moveCannedResponse({ staffId: actor.id }, parsed.data.id, parsed.data.direction);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/canned");
  return { ok: true, message: "Order saved." };
}
