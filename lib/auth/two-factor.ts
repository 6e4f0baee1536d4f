import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { staff, staffRecoveryCodes } from "@/db/schema";
import { decryptSecret, encryptSecret } from "../crypto";
import { AppError } from "../errors";
import { enforceRateLimit, hitRateLimit } from "../rate-limit";
import { getSettings } from "../settings";
import { verifyPassword } from "./password";
import { base32Encode, generateTotpSecret, matchTotp, otpauthUri } from "./totp";

// Two-factor sign-in for staff: a TOTP secret (encrypted at rest with HELPDECK_SECRET_KEY) and ten
// single-use recovery codes (stored as SHA-256 hashes; 80 random bits each, so a hash cannot be
// brute-forced back into a code).

export const RECOVERY_CODE_COUNT = 10;

/** "abcd-efgh-ijkl-mnop": 16 base32 characters, grouped for reading aloud or typing. */
function newRecoveryCode() {
  return base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join("-");
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, "");
const hashRecoveryCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

/** A fresh secret for the person to add to their app; nothing is stored until they confirm a code. */
export function startTwoFactorEnrollment(issuer: string, account: string) {
  const secret = generateTotpSecret();
  return { secret, uri: otpauthUri({ issuer, account, secret }) };
}

async function getTwoFactorSecret(staffId: number) {
  const [row] = await db.select({ secret: staff.twoFactorSecret }).from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError("not_found", "Staff member not found.");
  return row.secret ? decryptSecret(row.secret) : null;
}

export async function getTwoFactorStatus(staffId: number) {
  const [[row], [remaining]] = await Promise.all([
    db.select({ secret: staff.twoFactorSecret }).from(staff).where(eq(staff.id, staffId)),
    db
      .select({ value: count() })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt))),
  ]);
  return { enabled: Boolean(row?.secret), recoveryCodesLeft: remaining?.value ?? 0 };
}

/**
 * True while the help desk requires two-factor sign-in for staff ("Require two-factor sign-in for
 * staff") and this staff member has not turned it on: they are held at the setup until they do.
 */
export async function mustEnrollTwoFactor(staffId: number) {
  const { staffTwoFactorRequired } = await getSettings();
  if (!staffTwoFactorRequired) return false;
  const [row] = await db.select({ secret: staff.twoFactorSecret }).from(staff).where(eq(staff.id, staffId));
  return !row?.secret;
}

/**
 * A TOTP code, once: a code seen in its time step is refused the second time, so a code read over a
 * shoulder (or replayed from a log) cannot sign in again within its 90-second life.
 */
async function acceptTotp(staffId: number, secret: string, code: string) {
  const step = matchTotp(secret, code);
  if (step === null) return false;
  return hitRateLimit(`totp-used:${staffId}:${step}`, 1, 120);
}

/** Marks one unused recovery code as used; false when it is wrong or already used. */
async function consumeRecoveryCode(staffId: number, code: string) {
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length !== 16) return false;
  const [result] = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, hashRecoveryCode(normalized)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    );
  return result.affectedRows === 1;
}

/** Checks the second factor at sign-in: a TOTP code from the app, or one recovery code (used up). */
export async function verifySecondFactor(staffId: number, encryptedSecret: string, code: string) {
  const typed = code.trim();
  if (/^\d[\d\s]{5,7}$/.test(typed)) return acceptTotp(staffId, decryptSecret(encryptedSecret), typed);
  return consumeRecoveryCode(staffId, typed);
}

async function replaceRecoveryCodes(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], staffId: number) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  await tx.insert(staffRecoveryCodes).values(codes.map((code) => ({ staffId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

const wrongCode = () => new AppError("invalid", "That code is not correct. Check the time on your phone and try again.", { code: "That code is not correct." });

/** Turns two-factor sign-in on once the person proves their app has the secret; returns the recovery codes, shown once. */
export async function enableTwoFactor(staffId: number, secret: string, code: string) {
  if ((await getTwoFactorSecret(staffId)) !== null) throw new AppError("conflict", "Two-factor sign-in is already on.");
  let valid = false;
  try {
    valid = (await acceptTotp(staffId, secret, code)) === true;
  } catch {
    valid = false; // a mangled secret
  }
  if (!valid) throw wrongCode();
  return db.transaction(async (tx) => {
    await tx.update(staff).set({ twoFactorSecret: encryptSecret(secret) }).where(eq(staff.id, staffId));
    return replaceRecoveryCodes(tx, staffId);
  });
}

/** Turns two-factor sign-in off; it takes a current code (app or recovery) or the account password. */
export async function disableTwoFactor(staffId: number, proof: string) {
  const [row] = await db.select({ secret: staff.twoFactorSecret, passwordHash: staff.passwordHash }).from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError("not_found", "Staff member not found.");
  if (!row.secret) return;
  // A stolen session must not become a way to guess the password or codes.
  await enforceRateLimit(`2fa-disable:${staffId}`, 10, 15 * 60, "Too many attempts. Please wait a few minutes and try again.");
  const proven = (await verifySecondFactor(staffId, row.secret, proof)) || (await verifyPassword(proof, row.passwordHash));
  if (!proven) {
    throw new AppError("invalid", "That code or password is not correct.", { proof: "That code or password is not correct." });
  }
  await db.transaction(async (tx) => {
    await tx.update(staff).set({ twoFactorSecret: null }).where(eq(staff.id, staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  });
}

/** New recovery codes (the old ones stop working), after a current app code. */
export async function regenerateRecoveryCodes(staffId: number, code: string) {
  const secret = await getTwoFactorSecret(staffId);
  if (secret === null) throw new AppError("invalid", "Two-factor sign-in is off.");
  if (!(await acceptTotp(staffId, secret, code))) throw wrongCode();
  return db.transaction((tx) => replaceRecoveryCodes(tx, staffId));
}
