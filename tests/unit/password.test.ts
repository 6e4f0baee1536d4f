import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("s3cret passphrase");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword("s3cret passphrase", hash)).toBe(true);
    expect(await verifyPassword("wrong", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("verifies bcrypt hashes as PHP writes them ($2y$), for accounts imported from HelpDeskZ", async () => {
    const php = (await bcrypt.hash("imported pw", 4)).replace(/^\$2[ab]\$/, "$2y$");
    expect(await verifyPassword("imported pw", php)).toBe(true);
    expect(await verifyPassword("other", php)).toBe(false);
    expect(needsRehash(php)).toBe(true);
  });

  it("refuses missing or malformed hashes", async () => {
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "plaintext")).toBe(false);
  });
});
