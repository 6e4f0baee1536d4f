import type { customFields } from "@/db/schema";
import type { EntityReport } from "../report";
import type { CustomFieldRow } from "../schema";
import { phpListOfStrings, tryUnserialize, unescapeHtml } from "../php";
import { clip, type FieldInfo } from "./context";

const sameTypes = new Set(["text", "textarea", "checkbox", "radio", "select", "date", "email"]);

export function mapCustomField(row: CustomFieldRow, report: EntityReport) {
  let type = row.type as FieldInfo["type"];
  if (row.type === "password") {
    // Helpdeck has no masked field; the values were stored in clear by HelpDeskZ anyway.
    report.adjust("password field: imported as a text field", row.id);
    type = "text";
  } else if (!sameTypes.has(row.type)) {
    report.skip(`field type "${row.type}" does not exist in Helpdeck`, row.id);
    return null;
  }
  const withOptions = type === "checkbox" || type === "radio" || type === "select";
  // Options are one a line; for text fields the same column holds a default value, which Helpdeck lacks.
  const options = withOptions
    ? (row.value ?? "")
        .split("\n")
        .map((o) => unescapeHtml(o).trim())
        .filter(Boolean)
    : [];
  if (!withOptions && row.value?.trim())
    report.adjust("default value not kept (Helpdeck fields have none)", row.id);
  if ((type === "radio" || type === "select") && options.length === 0) {
    report.skip(`${type} field without options`, row.id);
    return null;
  }
  // departments: '' for every department, else serialize() of the chosen ids (as strings).
  const departmentIds = row.departments?.trim()
    ? phpListOfStrings(tryUnserialize(row.departments))
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0)
    : null;
  const value: typeof customFields.$inferInsert = {
    id: row.id,
    type,
    title: clip(unescapeHtml(row.title).trim() || `Field ${row.id}`, 200),
    required: row.required === 1,
    options: withOptions ? options : null,
    allDepartments: departmentIds === null,
    sortOrder: Math.max(-32768, Math.min(32767, row.display)),
  };
  return {
    value,
    departmentIds: departmentIds ?? [],
    info: { id: row.id, type, options } satisfies FieldInfo,
  };
}
