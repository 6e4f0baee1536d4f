"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formObject, type ActionResult } from "@/lib/actions";
import { filesFromForm } from "@/lib/attachments";
import type { StaffActor } from "@/lib/auth/actors";
import {
  deleteArticle,
  deleteCategory,
  moveArticle,
  moveCategory,
  saveArticle,
  saveCategory,
  setArticleStatus,
} from "@/lib/kb/manage";
import { kbArticleFormSchema, kbCategoryFormSchema } from "@/lib/validation/kb";
import { staffAction } from "../staff-action";

const idSchema = z.coerce.number().int().positive();
const direction = z.enum(["up", "down"]);

/** Staff check, zod parse, domain call; pages of the help center and the agent list are refreshed after. */
const kbAction = <S extends z.ZodType>(schema: S, input: unknown, work: (data: z.output<S>, actor: StaffActor) => Promise<string>) =>
  staffAction(schema, input, work, ["/agent/kb", "/kb"]);

export async function saveArticleAction(id: number | null, form: FormData): Promise<ActionResult> {
  let createdId: number | null = null;
  const result = await kbAction(
    z.object({ id: idSchema.nullable(), values: kbArticleFormSchema, remove: z.array(idSchema) }),
    { id, values: formObject(form), remove: form.getAll("removeAttachment") },
    async ({ id, values, remove }, actor) => {
      const files = await filesFromForm(form.getAll("attachments"));
      const saved = await saveArticle(actor, id, values, { files, removeAttachmentIds: remove });
      if (id == null) createdId = saved.id;
      return values.status === "published" ? "Article saved and published." : "Article saved as a draft.";
    },
  );
  if (!result.ok) {
    // The form's fields are top-level: drop the "values." prefix of nested paths.
    return { ...result, fieldErrors: result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^values\./, ""), v])) };
  }
  if (createdId) redirect(`/agent/kb/articles/${createdId}?created=1`);
  return result;
}

export async function setArticleStatusAction(id: unknown, status: unknown): Promise<ActionResult> {
  return kbAction(z.object({ id: idSchema, status: z.enum(["draft", "published"]) }), { id, status }, async ({ id, status }, actor) => {
    await setArticleStatus(actor, id, status);
    return status === "published" ? "Article published." : "Article unpublished: it is a draft again.";
  });
}

export async function moveArticleAction(id: number, to: "up" | "down"): Promise<ActionResult> {
  return kbAction(z.object({ id: idSchema, to: direction }), { id, to }, async ({ id, to }, actor) => {
    await moveArticle(actor, id, to);
    return "Order saved.";
  });
}

export async function deleteArticleAction(id: unknown): Promise<ActionResult> {
  const result = await kbAction(idSchema, id, async (id, actor) => {
    await deleteArticle(actor, id);
    return "Article deleted.";
  });
  if (result.ok) redirect("/agent/kb");
  return result;
}

export async function saveCategoryAction(id: number | null, input: unknown): Promise<ActionResult> {
  const result = await kbAction(kbCategoryFormSchema, input, async (values, actor) => {
    await saveCategory(actor, id, values);
    return "Category saved.";
  });
  if (result.ok) redirect("/agent/kb/categories");
  return result;
}

export async function moveCategoryAction(id: number, to: "up" | "down"): Promise<ActionResult> {
  return kbAction(z.object({ id: idSchema, to: direction }), { id, to }, async ({ id, to }, actor) => {
    await moveCategory(actor, id, to);
    return "Order saved.";
  });
}

export async function deleteCategoryAction(id: unknown): Promise<ActionResult> {
  const result = await kbAction(idSchema, id, async (id, actor) => {
    await deleteCategory(actor, id);
    return "Category deleted.";
  });
  if (result.ok) redirect("/agent/kb/categories");
  return result;
}
