"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { requireStaff } from "@/lib/auth/session";
import { deleteCustomerAsStaff, setCustomerBlocked, updateCustomerAsStaff } from "@/lib/users/staff-edit";
import { customerEditSchema, customerIdSchema } from "@/lib/validation/customers";

const missing: ActionResult<never> = { ok: false, message: "This customer does not exist." };

export async function updateCustomerAction(id: unknown, input: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const customerId = customerIdSchema.safeParse(id);
  if (!customerId.success) return missing;
  const parsed = customerEditSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateCustomerAsStaff(actor, customerId.data, parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/agent/customers/${customerId.data}`);
  return { ok: true, message: "Customer saved." };
}

export async function setCustomerBlockedAction(id: unknown, blocked: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const customerId = customerIdSchema.safeParse(id);
  if (!customerId.success || typeof blocked !== "boolean") return missing;
  try {
    await setCustomerBlocked(actor, customerId.data, blocked);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/agent/customers/${customerId.data}`);
  return {
    ok: true,
    message: blocked ? "Customer blocked: they can no longer sign in or open tickets." : "Customer unblocked.",
  };
}

export async function deleteCustomerAction(id: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const customerId = customerIdSchema.safeParse(id);
  if (!customerId.success) return missing;
  try {
    await deleteCustomerAsStaff(actor, customerId.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent/customers");
  redirect("/agent/customers?deleted=1");
}
