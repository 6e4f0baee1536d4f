import { z } from "zod";
import { feedbackKinds, feedbackStatuses } from "@/db/schema/feedback";

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().int().positive().nullable(),
);
const id = z.coerce.number().int().positive();
const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);

// Control characters (except newline and tab) are removed from what customers type: descriptions are
// stored and mailed as plain text, and pages escape them.
const plain = (value: string) => value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");

export const feedbackSubmitSchema = z.object({
  kind: z.enum(feedbackKinds, { message: "Choose idea or suggestion." }),
  title: z.string().transform(plain).pipe(z.string().trim().min(5, "Give it a title of at least 5 characters.").max(200, "At most 200 characters.")),
  description: z
    .string()
    .transform(plain)
    .pipe(z.string().trim().min(10, "Describe it in at least 10 characters.").max(10_000, "At most 10,000 characters.")),
  categoryId: optionalId,
});
export type FeedbackSubmitInput = z.input<typeof feedbackSubmitSchema>;
export type FeedbackSubmitValues = z.output<typeof feedbackSubmitSchema>;

export const feedbackCommentSchema = z.object({
  itemId: id,
  body: z.string().transform(plain).pipe(z.string().trim().min(1, "Write a comment.").max(5_000, "At most 5,000 characters.")),
});
export type FeedbackCommentInput = z.input<typeof feedbackCommentSchema>;
export type FeedbackCommentValues = z.output<typeof feedbackCommentSchema>;

export const feedbackVoteSchema = z.object({ itemId: id, vote: z.boolean() });

export const feedbackStatusSchema = z.object({
  itemId: id,
  status: z.enum(feedbackStatuses, { message: "Choose a status." }),
  note: z.string().transform(plain).pipe(z.string().trim().max(2_000, "At most 2,000 characters.")),
});
export type FeedbackStatusInput = z.input<typeof feedbackStatusSchema>;
export type FeedbackStatusValues = z.output<typeof feedbackStatusSchema>;

export const feedbackModerateSchema = z.object({ itemId: id, visibility: z.enum(["visible", "hidden"]) });

export const feedbackMergeSchema = z.object({
  itemId: id,
  // "#12", "12" or a pasted /feedback/12 address.
  intoId: z.preprocess((v) => (typeof v === "string" ? (/(\d+)\s*$/.exec(v.trim())?.[1] ?? v) : v), z.coerce.number({ message: "Enter the number of the item to keep." }).int().positive("Enter the number of the item to keep.")),
});

export const feedbackConvertSchema = z.object({ itemId: id, departmentId: id });
export const feedbackLinkSchema = z.object({
  itemId: id,
  ticketId: z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/^#/, "") : v), z.coerce.number({ message: "Enter a ticket number." }).int().positive("Enter a ticket number.")),
});

export const feedbackCategoryFormSchema = z.object({
  name: z.string().trim().min(1, "Name the category.").max(100, "At most 100 characters."),
  description: z.string().trim().max(500, "At most 500 characters."),
});
export type FeedbackCategoryFormInput = z.input<typeof feedbackCategoryFormSchema>;
export type FeedbackCategoryFormValues = z.output<typeof feedbackCategoryFormSchema>;

/** "" is the default: best match when searching, else newest first. */
export const feedbackSorts = ["", "new", "top", "updated"] as const;
export type FeedbackSort = (typeof feedbackSorts)[number];

/** The portal list's URL: search words, filters and sort. */
export const feedbackListParamsSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  status: z.enum(["", ...feedbackStatuses]).catch("").default(""),
  category: z.string().regex(/^\d{0,10}$/).catch("").default(""),
  sort: z.enum(feedbackSorts).catch("").default(""),
  page,
});
export type FeedbackListParams = z.output<typeof feedbackListParamsSchema>;

/** The agents' moderation list: also by approval state; pending items come first. */
export const feedbackAgentListParamsSchema = feedbackListParamsSchema.extend({
  visibility: z.enum(["", "pending", "visible", "hidden", "merged"]).catch("").default(""),
});
export type FeedbackAgentListParams = z.output<typeof feedbackAgentListParamsSchema>;
