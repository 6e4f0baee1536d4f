import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { staff, staffRecoveryCodes } from "@/db/schema";
import { signInStaff } from "@/lib/auth/sign-in";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode } from "@/lib/auth/totp";
import { disableTwoFactor, enableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes, startTwoFactorEnrollment } from "@/lib/auth/two-factor";
import { changeStaffPassword } from "@/lib/staff/profile";
import { makeStaff } from "../../support/factories";
import { codeOtherThan, enrolmentCode } from "../../support/totp";

const randomIp = () => `198.51.100.${randomBytes(1)[0]}`;

describe("TOTP (RFC 6238)", () => {
  // RFC 6238 appendix B, SHA-1, with the 20-byte ASCII key "12345678901234567890" and 8 digits.
  const rfcSecret = base32Encode(Buffer.from("12345678901234567890", "ascii"));
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("at %i s the code is %s", (seconds, expected) => {
    expect(totpCode(rfcSecret, new Date(seconds * 1000), 8)).toBe(expected);
  });

  it("matches RFC 4226's HOTP vectors and round-trips base32", () => {
    const key = Buffer.from("12345678901234567890", "ascii");
    expect([0, 1, 2, 9].map((counter) => hotp(key, counter))).toEqual(["755224", "287082", "359152", "520489"]);
    expect(rfcSecret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv-gy3tqojq gezdgnbvgy3tqojq===").toString("ascii")).toBe("12345678901234567890");
  });

  it("accepts a code one 30-second step either side, not two", () => {
    const secret = base32Encode(randomBytes(20));
    const now = new Date(1_800_000_000_000);
    const step = Math.floor(now.getTime() / 30_000);
    const at = (offset: number) => new Date(now.getTime() + offset * 30_000);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, at(-1)), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, at(1)), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, at(2)), now)).toBeNull();
    expect(matchTotp(secret, "12345", now)).toBeNull();
  });

  it("builds the otpauth URI authenticator apps read", () => {
    expect(otpauthUri({ issuer: "Help Desk", account: "ada@example.com", secret: "ABC" })).toBe(
      "otpauth://totp/Help%20Desk%3Aada%40example.com?secret=ABC&issuer=Help+Desk&algorithm=SHA1&digits=6&period=30",
    );
  });
});

async function staffWithTwoFactor() {
  const member = await makeStaff();
  const { secret } = startTwoFactorEnrollment("Helpdeck", member.email);
  const enrolment = enrolmentCode(secret);
  const recoveryCodes = await enableTwoFactor(member.id, secret, enrolment.code);
  // A code the test may use: not of the step the enrolment used up.
  return { ...member, secret, recoveryCodes, freshCode: () => codeOtherThan(secret, enrolment.step) };
}

describe("two-factor sign-in", () => {
  it("enrols only with a right code; stores the secret encrypted and ten hashed recovery codes", async () => {
    const member = await makeStaff();
    const { secret, uri } = startTwoFactorEnrollment("Helpdeck", member.email);
    expect(uri).toContain(`secret=${secret}`);
    await expect(enableTwoFactor(member.id, secret, "000000")).rejects.toMatchObject({ code: "invalid" });
    expect((await getTwoFactorStatus(member.id)).enabled).toBe(false);

    const codes = await enableTwoFactor(member.id, secret, totpCode(secret));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [row] = await db.select({ secret: staff.twoFactorSecret }).from(staff).where(eq(staff.id, member.id));
    expect(row!.secret).toMatch(/^v1:/);
    expect(row!.secret).not.toContain(secret);
    const stored = await db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, member.id));
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.codeHash)).not.toContain(codes[0]);
    expect(await getTwoFactorStatus(member.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    await expect(enableTwoFactor(member.id, secret, totpCode(secret))).rejects.toMatchObject({ code: "conflict" });
  });

  it("asks for the code only after a right password, then signs in with the app's code, once", async () => {
    const member = await staffWithTwoFactor();
    const ip = randomIp();
    expect(await signInStaff({ login: member.username, password: "wrong password" }, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff({ login: member.username, password: member.password }, ip)).toEqual({ ok: false, reason: "two_factor_required" });
    expect(await signInStaff({ login: member.username, password: member.password, code: "" }, ip)).toEqual({ ok: false, reason: "two_factor_required" });
    const outsideWindow = totpCode(member.secret, new Date(Date.now() + 5 * 60_000));
    expect(await signInStaff({ login: member.username, password: member.password, code: outsideWindow }, ip)).toEqual({ ok: false, reason: "invalid" });
    const code = member.freshCode();
    expect(await signInStaff({ login: member.username, password: member.password, code }, ip)).toEqual({ ok: true, id: member.id });
    // The same code replayed within its life is refused.
    expect(await signInStaff({ login: member.username, password: member.password, code }, randomIp())).toEqual({ ok: false, reason: "invalid" });
  });

  it("a recovery code signs in once, and counts down", async () => {
    const member = await staffWithTwoFactor();
    const [first, second] = member.recoveryCodes;
    expect(await signInStaff({ login: member.email, password: member.password, code: first!.toUpperCase() }, randomIp())).toEqual({ ok: true, id: member.id });
    expect(await signInStaff({ login: member.email, password: member.password, code: first }, randomIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff({ login: member.email, password: member.password, code: second!.replace(/-/g, "") }, randomIp())).toMatchObject({ ok: true });
    expect((await getTwoFactorStatus(member.id)).recoveryCodesLeft).toBe(8);
  });

  it("new recovery codes replace the old ones", async () => {
    const member = await staffWithTwoFactor();
    const fresh = await regenerateRecoveryCodes(member.id, member.freshCode());
    expect(await signInStaff({ login: member.email, password: member.password, code: member.recoveryCodes[0] }, randomIp())).toMatchObject({ ok: false });
    expect(await signInStaff({ login: member.email, password: member.password, code: fresh[0] }, randomIp())).toMatchObject({ ok: true });
  });

  it("turns off with a code or the password, not with a wrong one; then the password alone signs in", async () => {
    const member = await staffWithTwoFactor();
    await expect(disableTwoFactor(member.id, "not my password")).rejects.toMatchObject({ code: "invalid", fieldErrors: { proof: expect.any(String) } });
    await disableTwoFactor(member.id, member.password);
    expect(await getTwoFactorStatus(member.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await signInStaff({ login: member.username, password: member.password }, randomIp())).toMatchObject({ ok: true });

    const other = await staffWithTwoFactor();
    await disableTwoFactor(other.id, other.recoveryCodes[3]!);
    expect((await getTwoFactorStatus(other.id)).enabled).toBe(false);
  });

  it("changes the password only with the current one", async () => {
    const member = await makeStaff();
    await expect(changeStaffPassword(member.id, { currentPassword: "nope", password: "a brand new password" })).rejects.toMatchObject({
      fieldErrors: { currentPassword: expect.any(String) },
    });
    await changeStaffPassword(member.id, { currentPassword: member.password, password: "a brand new password" });
    expect(await signInStaff({ login: member.username, password: "a brand new password" }, randomIp())).toMatchObject({ ok: true });
  });
});
