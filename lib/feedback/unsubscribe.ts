import { createHmac, hkdfSync } from "node:crypto";
import { requireSecret } from "../env";
import { safeEqual } from "../tokens";

// The unsubscribe link in feedback status mail works without signing in: the token is the customer's id
// with an HMAC under a key of its own (derived from HELPDECK_SECRET_KEY), so it cannot be forged for
// someone else and needs no table. It does not expire: an old email's link should still work.

let cached: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = requireSecret("HELPDECK_SECRET_KEY");
  if (cached?.secret !== secret) {
    cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "helpdeck", "feedback-unsubscribe:hmac-sha256", 32)) };
  }
  return cached.key;
}

const mac = (userId: number) => createHmac("sha256", key()).update(`feedback-status-mail:${userId}`).digest("base64url");

export const unsubscribeToken = (userId: number) => `${userId}.${mac(userId)}`;

/** The customer's id when the token is genuine, else null. */
export function verifyUnsubscribeToken(token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  if (!Number.isSafeInteger(userId) || userId <= 0) return null;
  return safeEqual(match[2]!, mac(userId)) ? userId : null;
}
