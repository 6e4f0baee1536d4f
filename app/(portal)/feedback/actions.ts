"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { getUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { commentOnFeedback, setFeedbackVote, setStatusMailOptOut, submitFeedback } from "@/lib/feedback/manage";
import { feedbackPath } from "@/lib/feedback/labels";
import { verifyUnsubscribeToken } from "@/lib/feedback/unsubscribe";
import { getSettings } from "@/lib/settings";
import { feedbackCommentSchema, feedbackSubmitSchema, feedbackVoteSchema } from "@/lib/validation/feedback";
import { z } from "zod";

/** A signed-in customer while feedback is on; anyone else is refused before any work. */
async function requireFeedbackCustomer() {
  const [user, settings] = await Promise.all([getUser(), getSettings()]);
  if (!settings.feedbackEnabled) throw new AppError("not_found", "Feedback is not available.");
  if (!user) throw new AppError("unauthenticated", "Sign in to take part.");
  return user;
}

export async function submitFeedbackAction(form: FormData): Promise<ActionResult> {
  const parsed = feedbackSubmitSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  let created: { id: number; pending: boolean };
  try {
    created = await submitFeedback(await requireFeedbackCustomer(), parsed.data);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/feedback");
  redirect(`${feedbackPath(created.id)}?submitted=${created.pending ? "pending" : "1"}`);
}

export async function voteFeedbackAction(input: unknown): Promise<ActionResult<{ voteCount: number; voted: boolean }>> {
  const parsed = feedbackVoteSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let data: { voteCount: number; voted: boolean };
  try {
    data = await setFeedbackVote(await requireFeedbackCustomer(), parsed.data.itemId, parsed.data.vote);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/feedback");
  revalidatePath(feedbackPath(parsed.data.itemId));
  return { ok: true, message: data.voted ? "Thanks for your vote!" : "Your vote is taken back.", data };
}

export async function commentFeedbackAction(form: FormData): Promise<ActionResult> {
  const parsed = feedbackCommentSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await commentOnFeedback(await requireFeedbackCustomer(), parsed.data.itemId, parsed.data.body);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(feedbackPath(parsed.data.itemId));
  return { ok: true, message: "Your comment is posted." };
}

/** The unsubscribe link's button: the signed token is the only credential needed. */
export async function unsubscribeAction(token: unknown): Promise<ActionResult> {
  const userId = verifyUnsubscribeToken(z.string().max(100).catch("").parse(token));
  if (!userId) return { ok: false, message: "This unsubscribe link is not valid." };
  try {
    await setStatusMailOptOut(userId, true);
  } catch (error) {
    return actionError(error);
  }
  return { ok: true, message: "You will no longer receive emails about feedback status changes." };
}

/** The profile toggle. */
export async function setStatusMailAction(input: unknown): Promise<ActionResult> {
  const parsed = z.object({ enabled: z.boolean() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const user = await getUser();
  if (!user) return { ok: false, message: "Sign in first." };
  try {
    await setStatusMailOptOut(user.id, !parsed.data.enabled);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/account/profile");
  return { ok: true, message: parsed.data.enabled ? "You will get emails when feedback you follow changes status." : "No more feedback status emails." };
}
