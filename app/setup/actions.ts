"use server";

import { redirect } from "next/navigation";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { createFirstAdmin } from "@/lib/staff/manage";
import { setupAdminSchema } from "@/lib/validation/auth";

export async function setupAction(form: FormData): Promise<ActionResult> {
  const parsed = setupAdminSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await createFirstAdmin(parsed.data);
  } catch (error) {
    return actionError(error);
  }
  redirect("/agent/login?setup=done");
}
