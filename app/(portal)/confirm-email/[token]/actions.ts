"use server";

import { redirect } from "next/navigation";
import { actionError, type ActionResult } from "@/lib/actions";
import { confirmEmailChange } from "@/lib/users/account";

export async function confirmEmailAction(token: string): Promise<ActionResult> {
  try {
    await confirmEmailChange(token);
  } catch (error) {
    return actionError(error);
  }
  redirect("/account/profile?done=email");
}
