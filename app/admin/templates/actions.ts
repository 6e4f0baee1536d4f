"use server";

import { z } from "zod";
import { emailEvents } from "@/db/schema";
import { previewTemplate, resetTemplate, saveTemplate } from "@/lib/mail/template-admin";
import { templateFormSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const eventSchema = z.enum(emailEvents);
const unprefix = (fields?: Record<string, string>) =>
  fields && Object.fromEntries(Object.entries(fields).map(([key, message]) => [key.replace(/^values\./, ""), message]));

export async function saveTemplateAction(event: unknown, input: unknown) {
  const result = await adminAction(
    z.object({ event: eventSchema, values: templateFormSchema }),
    { event, values: input },
    async ({ event, values }, { audit }) => {
      await saveTemplate(event, values);
      await audit("template.update", { type: "email_template", id: event }, { subject: values.subject, enabled: values.enabled });
      return { message: "Template saved." };
    },
    ["/admin/templates"],
  );
  return result.ok ? result : { ...result, fieldErrors: unprefix(result.fieldErrors) };
}

export async function resetTemplateAction(event: unknown) {
  return adminAction(eventSchema, event, async (event, { audit }) => {
    await resetTemplate(event);
    await audit("template.reset", { type: "email_template", id: event });
    return { message: "Back to the built-in template." };
  }, ["/admin/templates"]);
}

/** Renders the unsaved subject and body with sample data. */
export async function previewTemplateAction(input: unknown) {
  return adminAction(templateFormSchema.pick({ subject: true, body: true }), input, async (values) => ({
    message: "Preview",
    data: previewTemplate(values),
  }));
}
