"use server";

import { revalidatePath } from "next/cache";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { requireStaff } from "@/lib/auth/session";
import { createOrganization, updateOrganization } from "@/lib/organizations/manage";
import { organizationIdSchema, organizationSchema } from "@/lib/validation/organizations";

export async function createOrganizationAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const actor = await requireStaff();
  const parsed = organizationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let created;
  try {
    created = await createOrganization(actor, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/organizations");
  return { ok: true, message: "Organization created.", data: created };
}

export async function updateOrganizationAction(id: unknown, input: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const organizationId = organizationIdSchema.safeParse(id);
  if (!organizationId.success) return { ok: false, message: "This organization does not exist." };
  const parsed = organizationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateOrganization(actor, organizationId.data, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/organizations");
  revalidatePath(`/agent/organizations/${organizationId.data}`);
  return { ok: true, message: "Organization saved." };
}
