import { z } from "zod";
import { emailSchema } from "./auth";

const blankToUndefined = (v: unknown) => (v === "" || v == null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

/** The customer directory's URL: search, filters, sort and page, so a list can be bookmarked. */
export const customerDirectoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organization: optionalId.catch(undefined),
  state: z.enum(["active", "blocked"]).optional().catch(undefined),
  sort: z.enum(["name", "email", "created"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A customer page's ticket list: only the page number lives in the URL. */
export const customerTicketsPageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** An agent editing a customer; an empty organization means none. */
export const customerEditSchema = z.object({
  fullname: z.string().trim().min(1, "Enter the customer's name.").max(200, "Use at most 200 characters."),
  email: emailSchema,
  organizationId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
});

export const customerIdSchema = z.coerce.number().int().positive();

export type CustomerDirectoryQuery = z.infer<typeof customerDirectoryQuerySchema>;
export type CustomerEditInput = z.input<typeof customerEditSchema>;
export type CustomerEdit = z.infer<typeof customerEditSchema>;
