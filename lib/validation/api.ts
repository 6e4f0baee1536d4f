import { z } from "zod";

/**
 * Field rules of the HelpDeskZ-compatible token API, with HelpDeskZ's own messages
 * (hdz/app/Language/en/Api.php), so that existing integrations see the texts they expect.
 */

/** One schema per message: building a zod schema costs more than checking a value with it, on every request. */
function memoized<A extends string[], T>(build: (...args: A) => T): (...args: A) => T {
  const built = new Map<string, T>();
  return (...args) => {
    const key = args.join("\u0000");
    let schema = built.get(key);
    if (!schema) built.set(key, (schema = build(...args)));
    return schema;
  };
}

/** CodeIgniter's `required`: present and not blank. */
export const requiredText = memoized((message: string) => z.string({ error: message }).refine((v) => v.trim() !== "", message));

/** `required|is_natural_no_zero`: a positive whole number. */
export const requiredId = memoized((missing: string, invalid: string) =>
  z
    .string({ error: missing })
    .refine((v) => v.trim() !== "", missing)
    .refine((v) => /^\d{1,10}$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 4294967295, invalid)
    .transform((v) => Number(v)),
);

export const emailRule = z
  .string({ error: "Email address is missing." })
  .refine((v) => v.trim() !== "", "Email address is missing.")
  .transform((v) => v.trim())
  .refine((v) => z.email().max(254).safeParse(v).success, "Email address is not valid.");

export const newEmailRule = emailRule;

export const privateFlag = z
  .string({ error: "Department type is missing." })
  .refine((v) => v.trim() !== "", "Department type is missing.")
  .refine((v) => v === "0" || v === "1", "Department type must be 0 or 1")
  .transform((v) => v === "1");

export const statusRule = z
  .string()
  .refine((v) => /^[1-5]$/.test(v.trim()), "Invalid Status ID.")
  .transform((v) => Number(v) as 1 | 2 | 3 | 4 | 5);

export const openerRule = z
  .string({ error: "Opener is missing." })
  .refine((v) => v.trim() !== "", "Opener is missing.")
  .refine((v) => v === "user" || v === "staff", "Invalid opener.")
  .transform((v) => v as "user" | "staff");

export const replierRule = z
  .string({ error: "Replier is missing." })
  .refine((v) => v.trim() !== "", "Replier is missing.")
  .refine((v) => v === "user" || v === "staff", "Invalid replier.")
  .transform((v) => v as "user" | "staff");

export const staffIdRule = requiredId("Staff ID is missing.", "Invalid Staff ID.");

/** CodeIgniter's `alpha_dash`. */
export const usernameRule = z
  .string({ error: "Username is missing." })
  .refine((v) => v.trim() !== "", "Username is missing.")
  .refine((v) => /^[A-Za-z0-9_.@-]+$/.test(v), "Invalid username.");

export const ipRule = z
  .string({ error: "IP address is missing." })
  .refine((v) => v.trim() !== "", "IP address is missing.")
  .refine((v) => z.union([z.ipv4(), z.ipv6()]).safeParse(v.trim()).success, "IP address is not valid.")
  .transform((v) => v.trim());
