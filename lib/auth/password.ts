import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

// argon2id with OWASP's minimum profile: ~19 MiB, 2 passes.
const argonOptions = { algorithm: 2 /* Argon2id (a const enum upstream) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** Verifies argon2 hashes, and bcrypt hashes imported from HelpDeskZ (PHP writes them as $2y$). */
export async function verifyPassword(password: string, storedHash: string | null | undefined): Promise<boolean> {
  if (!storedHash) return false;
  try {
    if (storedHash.startsWith("$argon2")) return await verify(storedHash, password);
    if (/^\$2[abxy]\$/.test(storedHash)) return await bcrypt.compare(password, storedHash.replace(/^\$2y\$/, "$2b$"));
  } catch {
    return false;
  }
  return false;
}

/** Whether a stored hash should be replaced by a fresh argon2id hash after a successful sign-in. */
export const needsRehash = (storedHash: string) => !storedHash.startsWith("$argon2id$");

// A fixed hash to verify against when the account does not exist, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword("helpdeck-timing-equaliser");
  await verifyPassword(password, await dummyHash);
}
