import { z } from "zod";
import { allApiPermissions, type ApiPermission } from "../api-keys/permissions";

/** A light check the browser can run; the server re-checks every entry exactly (lib/api-keys). */
const ipEntryPattern = /^(?:[0-9.*]+|[0-9a-fA-F:.]+)(?:\/\d{1,3})?$/;

const ipAllowlist = z
  .string()
  .max(5000, "Use at most 5000 characters.")
  .refine(
    (text) =>
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .every((entry) => ipEntryPattern.test(entry)),
    "Enter addresses (203.0.113.7), wildcards (203.0.113.*) or ranges (203.0.113.0/24), one a line.",
  );

/** The admin's API key form: create and edit. */
export const apiKeyFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  permissions: z.array(z.enum(allApiPermissions as [ApiPermission, ...ApiPermission[]])).max(allApiPermissions.length),
  ipAllowlist,
  rateLimitPerMinute: z.coerce
    .number({ error: "Enter a number." })
    .int("Enter a whole number.")
    .min(0, "Use 0 for no limit.")
    .max(1_000_000, "Use at most 1,000,000."),
  active: z.boolean(),
});

export type ApiKeyFormValues = z.infer<typeof apiKeyFormSchema>;
export type ApiKeyFormInput = z.input<typeof apiKeyFormSchema>;

export const apiKeyIdSchema = z.coerce.number().int().positive();
