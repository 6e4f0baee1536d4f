import { describe, expect, it } from "vitest";
import { hitRateLimit, isRateLimited } from "@/lib/rate-limit";
import { unique } from "../../support/factories";

describe("rate limits", () => {
  it("count hits in a window shared through the database, refuse past the limit, and start again when the window ends", async () => {
    const bucket = unique("bucket");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await hitRateLimit(bucket, 3, 2));
    expect(answers).toEqual([true, true, true, false, false]);
    expect(await isRateLimited(bucket, 3)).toBe(true);
    // Another bucket has its own count.
    expect(await hitRateLimit(unique("bucket"), 1, 2)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect(await isRateLimited(bucket, 3)).toBe(false);
    expect(await hitRateLimit(bucket, 3, 2)).toBe(true);
    expect(await hitRateLimit(bucket, 1, 2)).toBe(false);
  });
});
