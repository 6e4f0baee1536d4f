"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formObject, type ActionResult } from "@/lib/actions";
import type { StaffActor } from "@/lib/auth/actors";
import {
  commentOnFeedback,
  convertFeedbackToTicket,
  deleteFeedbackCategory,
  deleteFeedbackComment,
  linkFeedbackTicket,
  mergeFeedback,
  moderateFeedback,
  moveFeedbackCategory,
  saveFeedbackCategory,
  setFeedbackStatus,
} from "@/lib/feedback/manage";
import {
  feedbackCategoryFormSchema,
  feedbackCommentSchema,
  feedbackConvertSchema,
  feedbackLinkSchema,
  feedbackMergeSchema,
  feedbackModerateSchema,
  feedbackStatusSchema,
} from "@/lib/validation/feedback";
import { staffAction } from "../staff-action";

const idSchema = z.coerce.number().int().positive();

/** Staff check, zod parse, domain call; the agent and portal feedback pages are refreshed after. */
const feedbackAction = <S extends z.ZodType>(schema: S, input: unknown, work: (data: z.output<S>, actor: StaffActor) => Promise<string>) =>
  staffAction(schema, input, work, ["/agent/feedback", "/feedback"]);

export async function moderateFeedbackAction(input: unknown): Promise<ActionResult> {
  return feedbackAction(feedbackModerateSchema, input, async ({ itemId, visibility }, actor) => {
    await moderateFeedback(actor, itemId, visibility);
    return visibility === "visible" ? "Published on the portal." : "Hidden from the portal.";
  });
}

export async function setFeedbackStatusAction(form: FormData): Promise<ActionResult> {
  return feedbackAction(feedbackStatusSchema, formObject(form), async ({ itemId, status, note }, actor) => {
    const { changed, mailed } = await setFeedbackStatus(actor, itemId, status, note);
    if (!changed) return "Note saved (same status: nobody is emailed).";
    return `Status saved. ${mailed === 0 ? "Nobody to email." : `${mailed} ${mailed === 1 ? "person is" : "people are"} emailed.`}`;
  });
}

export async function mergeFeedbackAction(form: FormData): Promise<ActionResult> {
  let merged = { from: 0, into: 0 };
  const result = await feedbackAction(feedbackMergeSchema, formObject(form), async ({ itemId, intoId }, actor) => {
    await mergeFeedback(actor, itemId, intoId);
    merged = { from: itemId, into: intoId };
    return `Merged into #${intoId}.`;
  });
  if (result.ok) redirect(`/agent/feedback/${merged.into}?merged=${merged.from}`);
  return result;
}

export async function convertFeedbackAction(form: FormData): Promise<ActionResult> {
  let ticketId = 0;
  const result = await feedbackAction(feedbackConvertSchema, formObject(form), async ({ itemId, departmentId }, actor) => {
    ticketId = (await convertFeedbackToTicket(actor, itemId, departmentId)).id;
    return `Ticket #${ticketId} opened.`;
  });
  if (result.ok) revalidatePath("/agent", "layout");
  return result;
}

export async function linkFeedbackTicketAction(form: FormData): Promise<ActionResult> {
  return feedbackAction(feedbackLinkSchema, formObject(form), async ({ itemId, ticketId }, actor) => {
    await linkFeedbackTicket(actor, itemId, ticketId);
    return `Linked to ticket #${ticketId}.`;
  });
}

export async function unlinkFeedbackTicketAction(itemId: unknown): Promise<ActionResult> {
  return feedbackAction(idSchema, itemId, async (id, actor) => {
    await linkFeedbackTicket(actor, id, null);
    return "Ticket unlinked.";
  });
}

export async function staffCommentAction(form: FormData): Promise<ActionResult> {
  return feedbackAction(feedbackCommentSchema, formObject(form), async ({ itemId, body }, actor) => {
    await commentOnFeedback(actor, itemId, body);
    return "Comment posted as the team.";
  });
}

export async function deleteFeedbackCommentAction(commentId: unknown): Promise<ActionResult> {
  return feedbackAction(idSchema, commentId, async (id, actor) => {
    await deleteFeedbackComment(actor, id);
    return "Comment deleted.";
  });
}

export async function saveFeedbackCategoryAction(id: number | null, input: unknown): Promise<ActionResult> {
  const result = await feedbackAction(feedbackCategoryFormSchema, input, async (values, actor) => {
    await saveFeedbackCategory(actor, id, values);
    return "Category saved.";
  });
  if (result.ok) redirect("/agent/feedback/categories");
  return result;
}

export async function moveFeedbackCategoryAction(id: number, to: "up" | "down"): Promise<ActionResult> {
  return feedbackAction(z.object({ id: idSchema, to: z.enum(["up", "down"]) }), { id, to }, async ({ id, to }, actor) => {
    await moveFeedbackCategory(actor, id, to);
    return "Order saved.";
  });
}

export async function deleteFeedbackCategoryAction(id: unknown): Promise<ActionResult> {
  const result = await feedbackAction(idSchema, id, async (id, actor) => {
    await deleteFeedbackCategory(actor, id);
    return "Category deleted.";
  });
  if (result.ok) redirect("/agent/feedback/categories");
  return result;
}
