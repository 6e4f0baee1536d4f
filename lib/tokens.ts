import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random token; 24 bytes = 192 bits, beyond guessing. */
export const randomToken = (bytes = 24) => randomBytes(bytes).toString("base64url");

export const sha256 = (value: string | Buffer) => createHash("sha256").update(value).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
