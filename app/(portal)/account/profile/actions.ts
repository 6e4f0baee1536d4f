"use server";

import { keepThisSession } from "@/lib/auth/session-cookie";
import { revalidatePath } from "next/cache";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { requireUser } from "@/lib/auth/session";
import { changePassword, requestEmailChange, updateProfile } from "@/lib/users/account";
import { emailChangeSchema, passwordChangeSchema, profileSchema } from "@/lib/validation/auth";

export async function updateProfileAction(form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = profileSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateProfile(user, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Your profile is saved." };
}

export async function changeEmailAction(form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = emailChangeSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await requestEmailChange(user, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  return {
    ok: true,
    message: `We sent a confirmation link to ${parsed.data.email}. Your address changes when you open it (within a day).`,
  };
}

export async function changePasswordAction(form: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = passwordChangeSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const { stamp } = await changePassword(user, parsed.data);
    await keepThisSession(stamp);
  } catch (error) {
    return actionError(error);
  }
  return { ok: true, message: "Your password is changed." };
}
