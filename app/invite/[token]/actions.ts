"use server";

import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { recordAudit } from "@/lib/audit";
import { requestIp } from "@/lib/request";
import { acceptInvitation } from "@/lib/staff/manage";
import { resetPasswordSchema } from "@/lib/validation/auth";

/** The invited staff member chooses a password with their single-use link. */
export async function acceptInvitationAction(token: unknown, input: unknown): Promise<ActionResult> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (typeof token !== "string") return { ok: false, message: "This invitation link is invalid or has expired." };
  try {
    const { staffId } = await acceptInvitation(token, parsed.data.password);
    await recordAudit({ id: staffId }, "staff.accept_invitation", { type: "staff", id: staffId }, null, await requestIp());
  } catch (error) {
    return actionError(error);
  }
  return { ok: true, message: "Your password is set. You can sign in now." };
}
