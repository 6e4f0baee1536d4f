import { sql } from "drizzle-orm";
import type { ResultSetHeader } from "mysql2";
import { db } from "@/db";
import { sendTogether } from "@/db/batch";
import { rateLimits } from "@/db/schema";
import { AppError } from "./errors";

/**
 * Counts one hit in a fixed window shared by every app process (it lives in the database).
 * Returns whether the caller is still within `limit` hits per `windowSeconds`.
 *
 * One statement: the update hands the new count back through LAST_INSERT_ID(expr), which the server
 * returns as the statement's insert id (0 when the row was new: its first hit). Every API call of a key
 * with a limit runs this, so a second SELECT per hit was worth saving.
 */
export async function hitRateLimit(bucket: string, limit: number, windowSeconds: number): Promise<boolean> {
  const [result] = (await db.execute(rateLimitHit(bucket, windowSeconds))) as unknown as [ResultSetHeader];
  return hitsOf(result) <= limit;
}

/** Several hits in one round trip (db/batch.ts), each answered as `hitRateLimit` answers one. */
export async function hitRateLimits(hits: { bucket: string; limit: number; windowSeconds: number }[]): Promise<boolean[]> {
  const results = await sendTogether(...hits.map((hit) => rateLimitHit(hit.bucket, hit.windowSeconds)));
  return results.map((result, i) => hitsOf(result as ResultSetHeader) <= hits[i]!.limit);
}

const rateLimitHit = (bucket: string, windowSeconds: number) => sql`
    INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (${bucket.slice(0, 191)}, 1, NOW() + INTERVAL ${windowSeconds} SECOND)
    ON DUPLICATE KEY UPDATE
      hits = LAST_INSERT_ID(IF(reset_at <= NOW(), 1, hits + 1)),
      reset_at = IF(reset_at <= NOW(), NOW() + INTERVAL ${windowSeconds} SECOND, reset_at)`;

/** The bucket's count after a hit: the insert id the upsert handed back (0 for a new row, its first hit). */
const hitsOf = (result: ResultSetHeader) => Number(result.insertId) || 1;

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
