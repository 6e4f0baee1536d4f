import { z } from "zod";

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
