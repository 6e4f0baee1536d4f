import { z } from "zod";

// Pure definitions (no database): the browser builds the same validation as the server.

export const customFieldTypeList = ["text", "textarea", "checkbox", "radio", "select", "date", "email"] as const;
export type CustomFieldType = (typeof customFieldTypeList)[number];

export type CustomFieldDefinition = {
  id: number;
  type: CustomFieldType;
  title: string;
  description: string | null;
  required: boolean;
  /** Choices for radio, select and checkbox (a checkbox without options is a single yes/no box). */
  options: string[] | null;
};

export const fieldKey = (field: Pick<CustomFieldDefinition, "id">) => `field_${field.id}`;

const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === false || value == null || value === "" ? [] : value === true ? [] : [String(value)];

/** The zod schema of one field: its output is the stored text ("" when left empty). */
export function fieldSchema(field: CustomFieldDefinition): z.ZodType<string> {
  const required = `${field.title} is required.`;
  const options = field.options ?? [];
  const text = (max: number) =>
    z.preprocess(
      (value) => (value == null ? "" : String(value).trim()),
      z.string().max(max, `${field.title}: at most ${max} characters.`),
    );
  let schema: z.ZodType<string>;
  switch (field.type) {
    case "text":
      schema = text(1000);
      break;
    case "textarea":
      schema = text(10_000);
      break;
    case "email":
      schema = text(254).refine((v) => v === "" || z.email().safeParse(v).success, `${field.title}: enter a valid email address.`);
      break;
    case "date":
      schema = text(10).refine((v) => v === "" || isDate(v), `${field.title}: enter a date (YYYY-MM-DD).`);
      break;
    case "radio":
    case "select":
      schema = text(1000).refine((v) => v === "" || options.includes(v), `${field.title}: choose one of the options.`);
      break;
    case "checkbox":
      if (options.length === 0) {
        schema = z.preprocess((v) => (v === true || v === "1" || v === "on" || v === "true" ? "1" : ""), z.string());
      } else {
        schema = z.preprocess(
          (v) => asList(v),
          z
            .array(z.string())
            .refine((list) => list.every((item) => options.includes(item)), `${field.title}: choose among the options.`)
            .transform((list) => (list.length ? JSON.stringify(options.filter((o) => list.includes(o))) : "")),
        );
      }
      break;
  }
  return field.required ? schema.refine((v) => v !== "", required) : schema;
}

/** One object schema for a set of fields, keyed `field_<id>`. */
export function fieldValuesSchema(fields: CustomFieldDefinition[]) {
  return z.object(Object.fromEntries(fields.map((field) => [fieldKey(field), fieldSchema(field)])));
}

/** How a stored value reads for people (checkbox lists are stored as JSON). */
export function displayFieldValue(field: Pick<CustomFieldDefinition, "type" | "options">, value: string) {
  if (field.type === "checkbox") {
    if (!field.options?.length) return value === "1" ? "Yes" : "No";
    try {
      return (JSON.parse(value) as string[]).join(", ");
    } catch {
      return value;
    }
  }
  return value;
}

export type FieldValue = { fieldId: number; value: string };

/**
 * Validates submitted values (keyed `field_<id>`) against the fields. Returns the non-empty values to
 * store, or field messages keyed `field_<id>` for the form. Pure, so the browser runs the same check.
 */
export function parseFieldValues(
  fields: CustomFieldDefinition[],
  rawValues: Record<string, unknown>,
): { ok: true; values: FieldValue[] } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = fieldValuesSchema(fields).safeParse(rawValues);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const data = parsed.data as Record<string, string>;
  return {
    ok: true,
    values: fields.map((field) => ({ fieldId: field.id, value: data[fieldKey(field)] ?? "" })).filter((v) => v.value !== ""),
  };
}

/** The `field_<id>` entries of a submitted form; a checkbox group sends one entry per ticked option. */
export function fieldValuesFromForm(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (!/^field_\d+$/.test(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

/** A stored value as a form's initial value (checkbox groups are stored as a JSON list). */
export function formValueOf(field: Pick<CustomFieldDefinition, "type" | "options">, stored: string): string | string[] {
  if (field.type === "checkbox" && field.options?.length) {
    try {
      const list: unknown = JSON.parse(stored);
      return Array.isArray(list) ? list.map(String) : [];
    } catch {
      return [];
    }
  }
  return stored;
}
