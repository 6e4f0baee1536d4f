"use server";

import { redirect } from "next/navigation";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { resetPassword } from "@/lib/users/account";
import { resetPasswordSchema } from "@/lib/validation/auth";

export async function resetPasswordAction(token: string, form: FormData): Promise<ActionResult> {
  const parsed = resetPasswordSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await resetPassword(token, parsed.data.password);
  } catch (error) {
    return actionError(error);
  }
  redirect("/login?done=reset");
}
