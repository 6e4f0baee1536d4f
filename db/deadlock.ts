/** InnoDB's deadlock verdict (errno 1213), wherever drizzle wrapped it. */
export function isDeadlock(error: unknown): boolean {
  for (let current = error as { code?: string; errno?: number; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (current.code === "ER_LOCK_DEADLOCK" || current.errno === 1213) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * Runs `attempt` again (up to four times in all, after a short random pause) when InnoDB chose it as a
 * deadlock's victim: the server rolled the whole transaction back, and running it again is what it asks for.
 */
export async function retryingDeadlocks<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 4 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * tries + Math.random() * 20));
    }
  }
}
