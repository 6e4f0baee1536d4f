"use server";

import { keepThisSession } from "@/lib/auth/session-cookie";
import { revalidatePath } from "next/cache";
import { renderSVG } from "uqr";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { requireStaff, requireStaffForTwoFactorSetup } from "@/lib/auth/session";
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrollment } from "@/lib/auth/two-factor";
import { getSettings } from "@/lib/settings";
import { changeStaffPassword, updateStaffProfile } from "@/lib/staff/profile";
import {
  staffPasswordChangeSchema,
  staffProfileSchema,
  twoFactorCodeSchema,
  twoFactorDisableSchema,
  twoFactorEnableSchema,
} from "@/lib/validation/staff-profile";

export async function updateStaffProfileAction(form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = staffProfileSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateStaffProfile(actor.id, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent", "layout");
  return { ok: true, message: "Profile saved." };
}

export async function changeStaffPasswordAction(form: FormData): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = staffPasswordChangeSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const { stamp } = await changeStaffPassword(actor.id, parsed.data);
    await keepThisSession(stamp);
  } catch (error) {
    return actionError(error);
  }
  return { ok: true, message: "Password changed." };
}

export type Enrollment = { secret: string; uri: string; qrSvg: string };

/** A new secret to scan or type in; nothing changes until a code from it is confirmed. */
export async function startTwoFactorAction(): Promise<ActionResult<Enrollment>> {
  // Open to staff held by the two-factor requirement: this is how they get through.
  const { actor } = await requireStaffForTwoFactorSetup();
  const { helpdeskName } = await getSettings();
  const enrollment = startTwoFactorEnrollment(helpdeskName, actor.email);
  return { ok: true, data: { ...enrollment, qrSvg: renderSVG(enrollment.uri, { border: 2 }) } };
}

export async function enableTwoFactorAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  // Open to staff held by the two-factor requirement: this is how they get through.
  const { actor } = await requireStaffForTwoFactorSetup();
  const parsed = twoFactorEnableSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let recoveryCodes;
  try {
    recoveryCodes = await enableTwoFactor(actor.id, parsed.data.secret, parsed.data.code);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/profile");
  revalidatePath("/agent/two-factor");
  return { ok: true, message: "Two-factor sign-in is on.", data: { recoveryCodes } };
}

export async function disableTwoFactorAction(input: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = twoFactorDisableSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await disableTwoFactor(actor.id, parsed.data.proof);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/profile");
  return { ok: true, message: "Two-factor sign-in is off." };
}

export async function regenerateRecoveryCodesAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const actor = await requireStaff();
  const parsed = twoFactorCodeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let recoveryCodes;
  try {
    recoveryCodes = await regenerateRecoveryCodes(actor.id, parsed.data.code);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/profile");
  return { ok: true, message: "New recovery codes. The old ones no longer work.", data: { recoveryCodes } };
}
