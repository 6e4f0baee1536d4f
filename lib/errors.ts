export type AppErrorCode =
  | "invalid"
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  | "rate_limited"
  | "unavailable";

/** The one error type the domain throws; each door maps `code` to its audience. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found.") => new AppError("not_found", what);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

// Driver and system codes of a database (or disk) that is down, restarting or overloaded: every door
// answers them with "try again" (API 503, pipe exit 75), never as a fault of the request.
const TEMPORARY_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ENOSPC",
  "EMFILE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
  "ER_ACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "ER_NO_SUCH_TABLE",
  "ER_OPTION_PREVENTS_STATEMENT",
]);

/** Errors that say "not now" (database or disk unavailable) rather than "this message is bad". */
export function isTemporaryError(error: unknown): boolean {
  for (
    let current = error as { code?: string; fatal?: boolean; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if ((current.code && TEMPORARY_CODES.has(current.code)) || current.fatal) return true;
    current = current.cause as typeof current;
  }
  return false;
}
