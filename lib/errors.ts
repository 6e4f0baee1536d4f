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
