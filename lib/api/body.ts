import type { IncomingFile } from "../attachments";
import { filesFromForm } from "../attachments";
import { ApiFailure } from "./http";

/** A request body reduced to what HelpDeskZ's handlers read: text fields and uploaded files. */
export type ApiBody = { fields: Record<string, string>; files: IncomingFile[] };

/** The names an upload may come under: HelpDeskZ's forms use `attachment[]`; a single `attachment` works too. */
const fileFields = new Set(["attachment", "attachment[]", "attachments", "attachments[]"]);

function jsonValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
}

/**
 * Reads a form-urlencoded, multipart or JSON body. HelpDeskZ reads only form posts; JSON is our
 * addition, with numbers and booleans turned into the strings a form would carry.
 */
export async function readApiBody(request: Request): Promise<ApiBody> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json") || type.endsWith("+json")) {
    const text = await request.text();
    if (!text.trim()) return { fields: {}, files: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiFailure("Request body is not valid JSON.", 400);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new ApiFailure("Request body must be a JSON object.", 400);
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed)) {
      const text = jsonValue(value);
      if (text !== undefined) fields[name] = text;
    }
    return { fields, files: [] };
  }
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ApiFailure("Request body could not be read.", 400);
    }
    const fields: Record<string, string> = {};
    const uploads: FormDataEntryValue[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") {
        // PHP keeps the last value of a repeated plain field.
        fields[name] = value;
      } else if (fileFields.has(name)) {
        uploads.push(value);
      }
    }
    return { fields, files: await filesFromForm(uploads) };
  }
  // No or unknown content type: read it as a query string, as PHP would for a raw form post.
  const text = await request.text();
  return { fields: Object.fromEntries(new URLSearchParams(text)), files: [] };
}
