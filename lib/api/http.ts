import { isAppError, isTemporaryError } from "../errors";

/**
 * A failure answered in HelpDeskZ's shape: `{"error":1,"message":"..."}`. HelpDeskZ answers
 * authentication, IP and permission failures with HTTP 400 and everything else with HTTP 200;
 * clients of its API test `error`, so we keep both.
 */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

const jsonHeaders = { "content-type": "application/json; charset=UTF-8", "cache-control": "no-store" };

/** `{"success":1, ...fields}`, or `{"success":1,"message":"..."}` for a plain message. */
export function apiSuccess(body: string | Record<string, unknown>, status = 200): Response {
  const payload = typeof body === "string" ? { success: 1, message: body } : { success: 1, ...body };
  return new Response(JSON.stringify(payload), { status, headers: jsonHeaders });
}

export function apiError(message: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: 1, message }), { status, headers: { ...jsonHeaders, ...headers } });
}

/** Maps anything a handler throws to the API's error shape; unknown errors are logged, never shown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiFailure) return apiError(error.message, error.status, error.headers);
  if (isAppError(error)) {
    switch (error.code) {
      case "unauthenticated":
      case "forbidden":
        return apiError(error.message, error.code === "forbidden" ? 200 : 400);
      case "rate_limited":
        return apiError(error.message, 429);
      case "unavailable":
        return apiError(error.message, 503);
      default:
        // invalid, not_found, conflict: HelpDeskZ's "HTTP 200 with error:1".
        return apiError(error.message, 200);
    }
  }
  if (isTemporaryError(error)) {
    // The database is down or restarting: a 503 that clients and proxies retry, not a 500 that says "bug".
    console.error("API request failed, database unavailable:", error);
    return apiError("The help desk is temporarily unavailable. Please try again in a moment.", 503, { "retry-after": "5" });
  }
  console.error("API request failed:", error);
  return apiError("Internal error.", 500);
}

// --- Values as HelpDeskZ returns them: every column read from the database is a JSON string. ---

/** A database value as HelpDeskZ's JSON carries it: a string ("1"), booleans as "1"/"0", null kept. */
export function str(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

/** A date as Unix seconds in a string ("1700000000"); "0" when there is none, as HelpDeskZ stores it. */
export function unix(value: Date | null | undefined): string {
  if (!value) return "0";
  return String(Math.floor(value.getTime() / 1000));
}

/** A positive integer id from a path or a field, or null. */
export function parseId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 4294967295 ? id : null;
}

/** HelpDeskZ's page rule: absent or non-numeric means 1; zero, negative or fractional is "Page not found.". */
export function parsePage(value: string | null): number {
  if (value === null || value.trim() === "" || !Number.isFinite(Number(value))) return 1;
  const page = Number(value);
  if (page <= 0 || page !== Math.round(page) || page > 1_000_000) throw new ApiFailure("Page not found.");
  return page;
}
