import { z } from "zod";
import { emailSchema, passwordChangeSchema, profileSchema } from "./auth";

/** An agent's own profile. Time zone rules are the portal profile's (empty: the help desk's). */
export const staffProfileSchema = z.object({
  fullname: profileSchema.shape.fullname,
  email: emailSchema,
  timezone: profileSchema.shape.timezone,
  signature: z.string().max(5000, "Use at most 5,000 characters."),
});

/** Same rules as the customers' password change: current password, new one twice. */
export const staffPasswordChangeSchema = passwordChangeSchema;

export const twoFactorEnableSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, "Start again: the secret is not valid."),
  code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
});

export const twoFactorDisableSchema = z.object({
  proof: z.string().trim().min(1, "Enter a code from your app, a recovery code or your password.").max(1000),
});

export const twoFactorCodeSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
});

export type StaffProfileInput = z.infer<typeof staffProfileSchema>;
export type TwoFactorEnableInput = z.infer<typeof twoFactorEnableSchema>;
