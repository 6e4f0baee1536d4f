import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { requireSecret } from "./env";

// Secrets at rest (SMTP/IMAP passwords): AES-256-GCM with a key derived from HELPDECK_SECRET_KEY.
// Format: "v1:" + base64(iv | auth tag | ciphertext). The version prefix leaves room for key rotation.
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: { secret: string; key: Buffer } | undefined;

function secretKey(): Buffer {
  const secret = requireSecret("HELPDECK_SECRET_KEY");
  if (cachedKey?.secret !== secret) {
    // HKDF turns a passphrase-like secret into a uniform 256-bit key bound to this one purpose.
    const key = Buffer.from(hkdfSync("sha256", secret, "helpdeck", "secrets-at-rest:aes-256-gcm", 32));
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

/** Throws when the value was tampered with or encrypted under another key. */
export function decryptSecret(encrypted: string): string {
  const [version, payload] = encrypted.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("Unknown secret format");
  const data = Buffer.from(payload, "base64");
  if (data.length < IV_BYTES + TAG_BYTES) throw new Error("Secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(), data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    "utf8",
  );
}

/** For nullable columns: null stays null. */
export const decryptOptionalSecret = (encrypted: string | null | undefined) =>
  encrypted ? decryptSecret(encrypted) : undefined;
