import { createHmac } from "node:crypto";
import { authSecret } from "./secret";

/**
 * A short keyed digest of a person's password hash. Each session carries the stamp current when it
 * was issued; a new password makes a new hash, so every session issued before it stops counting
 * (lib/auth/session.ts). Keyed, so the stamp in a session reveals nothing about the hash.
 */
export function credentialStamp(passwordHash: string | null): string {
  return createHmac("sha256", authSecret ?? "").update(passwordHash ?? "").digest("base64url").slice(0, 22);
}
