"use server";

import { revalidatePath } from "next/cache";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { createApiKey, deleteApiKey, regenerateApiKey, setApiKeyActive, updateApiKey } from "@/lib/api-keys";
import { requireAdmin } from "@/lib/auth/session";
import { apiKeyFormSchema, apiKeyIdSchema } from "@/lib/validation/api-keys";

type TokenResult = ActionResult<{ id: number; token: string }>;

const invalidKey: ActionResult<never> = { ok: false, message: "This API key does not exist." };

/** Creates a key; the token comes back once, for the admin to copy, and is never shown again. */
export async function createApiKeyAction(input: unknown): Promise<TokenResult> {
  await requireAdmin();
  const parsed = apiKeyFormSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let created;
  try {
    created = await createApiKey(parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/admin/api-keys");
  return { ok: true, message: "API key created.", data: { id: created.id, token: created.token } };
}

export async function updateApiKeyAction(id: unknown, input: unknown): Promise<ActionResult> {
  await requireAdmin();
  const keyId = apiKeyIdSchema.safeParse(id);
  if (!keyId.success) return invalidKey;
  const parsed = apiKeyFormSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateApiKey(keyId.data, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/admin/api-keys");
  return { ok: true, message: "API key saved." };
}

export async function setApiKeyActiveAction(id: unknown, active: unknown): Promise<ActionResult> {
  await requireAdmin();
  const keyId = apiKeyIdSchema.safeParse(id);
  if (!keyId.success || typeof active !== "boolean") return invalidKey;
  try {
    await setApiKeyActive(keyId.data, active);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/admin/api-keys");
  return { ok: true, message: active ? "API key activated." : "API key deactivated." };
}

/** A new token replaces the old one at once; it is returned once. */
export async function regenerateApiKeyAction(id: unknown): Promise<TokenResult> {
  await requireAdmin();
  const keyId = apiKeyIdSchema.safeParse(id);
  if (!keyId.success) return invalidKey;
  let regenerated;
  try {
    regenerated = await regenerateApiKey(keyId.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/admin/api-keys");
  return { ok: true, message: "New token generated. The old token no longer works.", data: regenerated };
}

export async function deleteApiKeyAction(id: unknown): Promise<ActionResult> {
  await requireAdmin();
  const keyId = apiKeyIdSchema.safeParse(id);
  if (!keyId.success) return invalidKey;
  try {
    await deleteApiKey(keyId.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/admin/api-keys");
  return { ok: true, message: "API key deleted." };
}
