import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().max(254).email("Enter a valid email address.");

export const staffSignInSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email.").max(254),
  password: z.string().min(1, "Enter your password.").max(1000),
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
