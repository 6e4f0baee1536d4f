/** InnoDB's deadlock verdict (errno 1213), wherever drizzle wrapped it. */
export function isDeadlock(error: unknown): boolean {
  for (let current = error as { code?: string; errno?: number; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (current.code === "ER_LOCK_DEADLOCK" || current.errno === 1213) return true;
    current = current.cause as typeof current;
  }
  return false;
}
