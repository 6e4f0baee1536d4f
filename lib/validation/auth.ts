import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().max(254).email("Enter a valid email address.");

export const staffSignInSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email.").max(254),
  password: z.string().min(1, "Enter your password.").max(1000),
  /** Two-factor code (app or recovery code), asked for once the password is known to be right. */
  code: z.string().trim().max(64).optional(),
});

export const customerSignInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1000),
});

export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const setupAdminSchema = z
  .object({
    fullname: z.string().trim().min(1, "Enter your name.").max(200),
    email: emailSchema,
    username: z
      .string()
      .trim()
      .min(3, "Use at least 3 characters.")
      .max(100)
      .regex(/^[a-zA-Z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores."),
    password: newPasswordSchema,
    confirmPassword: z.string(),
    helpdeskName: z.string().trim().min(1, "Name your help desk.").max(100),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export type StaffSignIn = z.infer<typeof staffSignInSchema>;
export type CustomerSignIn = z.infer<typeof customerSignInSchema>;
export type SetupAdmin = z.infer<typeof setupAdminSchema>;

const fullnameSchema = z.string().trim().min(1, "Enter your name.").max(200, "Use at most 200 characters.");
const currentPasswordSchema = z.string().min(1, "Enter your current password.").max(1000);

/** Self-registration on the portal (when the admin allows it). */
export const registerSchema = z
  .object({
    fullname: fullnameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const profileSchema = z.object({
  fullname: fullnameSchema,
  /** Empty means the help desk's time zone. */
  timezone: z
    .string()
    .trim()
    .max(64)
    .refine((value) => value === "" || isTimeZone(value), "Choose a time zone from the list."),
});

export const emailChangeSchema = z.object({ email: emailSchema, currentPassword: currentPasswordSchema });

export const passwordChangeSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export type RegisterInput = z.infer<typeof registerSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type EmailChangeInput = z.infer<typeof emailChangeSchema>;
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;
