import { sql } from "drizzle-orm";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";
import { AppError } from "./errors";

/**
 * Counts one hit in a fixed window shared by every app process (it lives in the database).
 * Returns whether the caller is still within `limit` hits per `windowSeconds`.
 */
export async function hitRateLimit(bucket: string, limit: number, windowSeconds: number): Promise<boolean> {
  const key = bucket.slice(0, 191);
  await db
    .insert(rateLimits)
    .values({ bucket: key, hits: 1, resetAt: sql`NOW() + INTERVAL ${windowSeconds} SECOND` })
    .onDuplicateKeyUpdate({
      set: {
        // A finished window starts again at one hit.
        hits: sql`IF(${rateLimits.resetAt} <= NOW(), 1, ${rateLimits.hits} + 1)`,
        resetAt: sql`IF(${rateLimits.resetAt} <= NOW(), NOW() + INTERVAL ${windowSeconds} SECOND, ${rateLimits.resetAt})`,
      },
    });
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(sql`${rateLimits.bucket} = ${key}`);
  return (row?.hits ?? 0) <= limit;
}

export async function enforceRateLimit(bucket: string, limit: number, windowSeconds: number, message: string) {
  if (!(await hitRateLimit(bucket, limit, windowSeconds))) throw new AppError("rate_limited", message);
}

/** Whether a bucket has already used up `limit` hits in its current window (without counting a hit). */
export async function isRateLimited(bucket: string, limit: number): Promise<boolean> {
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(sql`${rateLimits.bucket} = ${bucket.slice(0, 191)} AND ${rateLimits.resetAt} > NOW()`);
  return (row?.hits ?? 0) >= limit;
}
