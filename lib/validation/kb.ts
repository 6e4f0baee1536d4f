import { z } from "zod";
import { kbArticleFormats } from "@/db/schema/kb";

// Checkboxes arrive as true/false from react-hook-form and as "on"/missing from a plain FormData.
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().int().positive().nullable(),
);

export const kbArticleFormSchema = z.object({
  title: z.string().trim().min(1, "Give the article a title.").max(255, "At most 255 characters."),
  categoryId: optionalId,
  format: z.enum(kbArticleFormats, { message: "Choose Markdown or rich text (HTML)." }),
  body: z.string().trim().min(1, "Write the article.").max(500_000, "The article is too long (500,000 characters at most)."),
  status: z.enum(["draft", "published"], { message: "Choose draft or published." }),
  isPublic: checkbox,
});
export type KbArticleFormInput = z.input<typeof kbArticleFormSchema>;
export type KbArticleFormValues = z.output<typeof kbArticleFormSchema>;

export const kbCategoryFormSchema = z.object({
  name: z.string().trim().min(1, "Name the category.").max(200, "At most 200 characters."),
  description: z.string().trim().max(500, "At most 500 characters."),
  parentId: optionalId,
  isPublic: checkbox,
});
export type KbCategoryFormInput = z.input<typeof kbCategoryFormSchema>;
export type KbCategoryFormValues = z.output<typeof kbCategoryFormSchema>;

const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);

export const kbSearchParamsSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  page,
});

export const kbListParamsSchema = z.object({ page });

export const kbAgentListParamsSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  category: z.string().regex(/^(\d+|none)?$/).catch("").default(""),
  status: z.enum(["", "draft", "published"]).catch("").default(""),
  page,
});

export const kbVoteSchema = z.object({
  articleId: z.coerce.number().int().positive(),
  helpful: z.boolean(),
});

export const kbSuggestSchema = z.object({ q: z.string().trim().min(3).max(200) });
