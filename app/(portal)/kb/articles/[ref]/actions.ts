"use server";

import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { getActor } from "@/lib/auth/session";
import { kbViewerOf } from "@/lib/kb/queries";
import { voteOnArticle } from "@/lib/kb/votes";
import { kbVoteSchema } from "@/lib/validation/kb";
import { voterKey } from "./voter";

export async function voteAction(input: unknown): Promise<ActionResult> {
  const parsed = kbVoteSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const actor = await getActor();
    const voter = (await voterKey(actor, true))!;
    await voteOnArticle(kbViewerOf(actor), voter, parsed.data.articleId, parsed.data.helpful);
  } catch (error) {
    return actionError(error);
  }
  return { ok: true, message: "Thanks for your feedback!" };
}
