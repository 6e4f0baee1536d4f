import { z } from "zod";
import { isAppError, isTemporaryError } from "./errors";

/** The one result shape every server action returns to its form. */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** First message per field, keyed by the field's path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError): ActionResult<never> {
  return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
}

/**
 * Maps what the domain threw to a message for a person. Unknown errors are logged on the server and
 * shown as a generic message: no stack traces or SQL reach the browser.
 */
export function actionError(error: unknown): ActionResult<never> {
  if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  if (isTemporaryError(error)) {
    console.error("Server action failed, database unavailable:", error);
    return { ok: false, message: "The help desk is briefly unavailable. Nothing was saved; please try again in a moment." };
  }
  console.error("Unexpected error in a server action:", error);
  return { ok: false, message: "Something went wrong on our side. Nothing was saved; please try again." };
}

/** Reads a FormData into a plain object for zod (repeated keys keep their last value). */
export function formObject(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(form.entries());
}
