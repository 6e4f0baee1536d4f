"use server";

import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { requestIp } from "@/lib/request";
import { requestPasswordReset } from "@/lib/users/account";
import { forgotPasswordSchema } from "@/lib/validation/auth";

/** The same answer whether or not an account uses the address. */
export async function forgotPasswordAction(form: FormData): Promise<ActionResult> {
  const parsed = forgotPasswordSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await requestPasswordReset(parsed.data.email, await requestIp());
  } catch (error) {
    return actionError(error);
  }
  return {
    ok: true,
    message:
      "If an account uses this address, we have sent it a link to choose a new password. The link works once, within an hour.",
  };
}
