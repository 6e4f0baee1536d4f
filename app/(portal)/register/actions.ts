"use server";

import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { requestIp } from "@/lib/request";
import { registerCustomer } from "@/lib/users/account";
import { registerSchema } from "@/lib/validation/auth";

export async function registerAction(form: FormData): Promise<ActionResult> {
  const parsed = registerSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await registerCustomer(parsed.data, await requestIp());
  } catch (error) {
    return actionError(error);
  }
  return { ok: true };
}
