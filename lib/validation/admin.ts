import { z } from "zod";
import { staffRoles } from "@/db/schema/staff";
import { customFieldTypeList } from "../custom-fields/schema";
import { emailSchema, newPasswordSchema } from "./auth";

// Shared zod schemas of the admin forms: react-hook-form validates with them in the browser, and the
// server actions parse the same input again.

export const idSchema = z.coerce.number().int().positive();

const checkbox = z.boolean().default(false);

export const departmentFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a department name.").max(200, "At most 200 characters."),
  isPrivate: checkbox,
  portalEnabled: checkbox,
});
export type DepartmentFormInput = z.input<typeof departmentFormSchema>;
export type DepartmentFormValues = z.output<typeof departmentFormSchema>;

export const departmentDeleteSchema = z
  .object({
    tickets: z.enum(["move", "delete"], { message: "Choose what happens to its tickets." }),
    targetId: z.string().optional(),
    confirm: z.literal(true, { message: "Tick the box to confirm." }),
  })
  .superRefine((value, ctx) => {
    if (value.tickets === "move" && !value.targetId) {
      ctx.addIssue({ code: "custom", path: ["targetId"], message: "Choose the department that receives its tickets." });
    }
  });
export type DepartmentDeleteInput = z.input<typeof departmentDeleteSchema>;
export type DepartmentDeleteValues = z.output<typeof departmentDeleteSchema>;

export const staffFormSchema = z
  .object({
    fullname: z.string().trim().min(1, "Enter a name.").max(200, "At most 200 characters."),
    email: emailSchema,
    username: z
      .string()
      .trim()
      .min(3, "Use at least 3 characters.")
      .max(100)
      .regex(/^[a-zA-Z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores."),
    role: z.enum(staffRoles),
    // A lone checkbox reports false/a string rather than an array: normalise before checking.
    departmentIds: z.preprocess(
      (value) => (Array.isArray(value) ? value : value === false || value == null || value === "" ? [] : [value]),
      z.array(z.coerce.number().int().positive()),
    ),
    active: checkbox,
    /** invite: an emailed link to choose a password; set: the admin types it; keep: unchanged (edit only). */
    passwordMode: z.enum(["invite", "set", "keep"]),
    password: z.string().max(200).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.passwordMode === "set") {
      const check = newPasswordSchema.safeParse(value.password);
      if (!check.success) ctx.addIssue({ code: "custom", path: ["password"], message: check.error.issues[0]!.message });
    }
  });
export type StaffFormInput = z.input<typeof staffFormSchema>;
export type StaffFormValues = z.output<typeof staffFormSchema>;

const port = z.preprocess(
  (value) => (value === "" || value == null ? null : Number(value)),
  z.number({ message: "Enter a port number." }).int("Enter a port number.").min(1, "Between 1 and 65535.").max(65535, "Between 1 and 65535.").nullable(),
);
const optionalId = z.preprocess((value) => (value === "" || value == null ? null : Number(value)), z.number().int().positive().nullable());
const tlsMode = z.enum(["none", "starttls", "tls"]);

export const emailAddressFormSchema = z
  .object({
    email: emailSchema,
    senderName: z.string().trim().min(1, "Enter the sender name customers see.").max(200),
    departmentId: optionalId,
    isDefault: checkbox,
    smtpHost: z.string().trim().max(255).default(""),
    smtpPort: port,
    smtpSecurity: tlsMode,
    smtpUser: z.string().trim().max(255).default(""),
    smtpPassword: z.string().max(500).default(""),
    incoming: z.enum(["none", "pipe", "imap"]),
    imapHost: z.string().trim().max(255).default(""),
    imapPort: port,
    imapSecurity: tlsMode,
    imapUser: z.string().trim().max(255).default(""),
    imapPassword: z.string().max(500).default(""),
    imapFolder: z.string().trim().max(255).default("INBOX"),
    imapAllowSelfSigned: checkbox,
  })
  .superRefine((value, ctx) => {
    if (value.incoming === "imap") {
      if (!value.imapHost) ctx.addIssue({ code: "custom", path: ["imapHost"], message: "Enter the IMAP server." });
      if (!value.imapUser) ctx.addIssue({ code: "custom", path: ["imapUser"], message: "Enter the IMAP user name." });
    }
  });
export type EmailAddressFormInput = z.input<typeof emailAddressFormSchema>;
export type EmailAddressFormValues = z.output<typeof emailAddressFormSchema>;

export const testEmailSchema = z.object({ to: emailSchema });
export type TestEmailValues = z.output<typeof testEmailSchema>;

export const templateFormSchema = z.object({
  subject: z.string().trim().min(1, "Enter a subject.").max(255, "At most 255 characters."),
  body: z.string().trim().min(1, "Enter the body.").max(20_000, "At most 20,000 characters."),
  enabled: checkbox,
});
export type TemplateFormInput = z.input<typeof templateFormSchema>;
export type TemplateFormValues = z.output<typeof templateFormSchema>;

export const cannedFormSchema = z.object({
  title: z.string().trim().min(1, "Enter a title.").max(200, "At most 200 characters."),
  body: z.string().trim().min(1, "Enter the text.").max(20_000, "At most 20,000 characters."),
});
export type CannedFormValues = z.output<typeof cannedFormSchema>;

export const priorityFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #dc2626."),
});
export type PriorityFormValues = z.output<typeof priorityFormSchema>;

export const customFieldFormSchema = z
  .object({
    type: z.enum(customFieldTypeList),
    title: z.string().trim().min(1, "Enter a title.").max(200, "At most 200 characters."),
    description: z.string().trim().max(1000, "At most 1,000 characters.").default(""),
    required: checkbox,
    /** One option a line (radio, select, checkbox). */
    options: z.string().max(10_000).default(""),
    allDepartments: checkbox,
    departmentIds: z.preprocess(
      (value) => (Array.isArray(value) ? value : value === false || value == null || value === "" ? [] : [value]),
      z.array(z.coerce.number().int().positive()),
    ),
  })
  .superRefine((value, ctx) => {
    const options = value.options.split("\n").map((o) => o.trim()).filter(Boolean);
    if ((value.type === "radio" || value.type === "select") && options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option, one a line." });
    }
    if (!value.allDepartments && value.departmentIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["departmentIds"], message: "Choose at least one department, or all of them." });
    }
  });
export type CustomFieldFormInput = z.input<typeof customFieldFormSchema>;
export type CustomFieldFormValues = z.output<typeof customFieldFormSchema>;

// ---- Settings sections (each saved through lib/settings) -----------------------------------------

const int = (label: string, min: number, max: number) =>
  z.coerce.number({ message: `${label}: enter a number.` }).int(`${label}: enter a whole number.`).min(min, `${label}: at least ${min}.`).max(max, `${label}: at most ${max}.`);
const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const settingsSections = {
  tickets: z.object({
    overdueHours: int("Overdue after", 1, 8760),
    autoCloseHours: int("Auto-close after", 0, 8760),
    pageSize: int("Tickets per page", 5, 200),
    replyOrder: z.enum(["asc", "desc"]),
    attachmentsEnabled: checkbox,
    attachmentsMaxCount: int("Files per message", 1, 50),
    attachmentsMaxSizeMb: z.coerce.number({ message: "Enter a size in MB." }).min(0.01, "At least 0.01 MB.").max(100, "At most 100 MB."),
    attachmentsAllowedTypes: z
      .string()
      .trim()
      .max(1000)
      .transform((value) => [...new Set(value.split(/[\s,]+/).map((t) => t.replace(/^\./, "").toLowerCase()).filter(Boolean))].join(","))
      .refine((value) => value.split(",").every((t) => t === "" || /^[a-z0-9]{1,10}$/.test(t)), "List extensions like pdf, png, docx."),
  }),
  general: z.object({
    helpdeskName: z.string().trim().min(1, "Name your help desk.").max(100, "At most 100 characters."),
    helpdeskUrl: z
      .string()
      .trim()
      .max(500)
      .refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "Enter the address people open, e.g. https://help.example.com.")
      .transform((v) => v.replace(/\/+$/, "")),
    timezone: z.string().trim().refine(isTimeZone, "Enter a time zone such as Europe/Paris or UTC."),
    dateFormat: z.string().trim().min(1, "Enter a date format.").max(50),
    selfRegistration: checkbox,
    maintenanceMode: checkbox,
    maintenanceMessage: z.string().trim().min(1, "Enter the message customers see.").max(1000),
  }),
  portals: z.object({
    publicPortal: checkbox,
    privatePortal: checkbox,
  }),
  security: z.object({
    signInAttempts: int("Attempts", 1, 1000),
    signInWindowMinutes: int("Window", 1, 1440),
    sessionHours: int("Session length", 1, 720),
    staffTwoFactorRequired: checkbox,
  }),
  kb: z.object({
    kbArticlesPerPage: int("Articles per page", 5, 100),
    kbExcerptLength: int("Excerpt length", 50, 1000),
    kbPopularCount: int("Popular articles", 0, 20),
    kbLatestCount: int("Latest articles", 0, 20),
  }),
  feedback: z.object({
    feedbackEnabled: checkbox,
    feedbackGuestsCanRead: checkbox,
    feedbackRequiresApproval: checkbox,
  }),
} as const;
export type SettingsSection = keyof typeof settingsSections;

const dateOnly = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "Use a date like 2025-01-31.");
export const auditFilterSchema = z.object({
  actor: z.string().regex(/^\d*$/).default(""),
  action: z.string().max(64).default(""),
  from: dateOnly.default(""),
  to: dateOnly.default(""),
});
export type AuditFilterValues = z.output<typeof auditFilterSchema>;
