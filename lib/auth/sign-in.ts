import { eq, or } from "drizzle-orm";
import { db } from "@/db";
import { staff, users } from "@/db/schema";
import { getSettings } from "../settings";
import { hitRateLimit, isRateLimited } from "../rate-limit";
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from "./password";
import { verifySecondFactor } from "./two-factor";
import { customerSignInSchema, staffSignInSchema } from "../validation/auth";

export type SignInFailure = "invalid" | "rate_limited" | "two_factor_required";
export type SignInResult = { ok: true; id: number } | { ok: false; reason: SignInFailure };

/**
 * Failed sign-ins counted per account (slows guessing one password) and per address (slows spraying
 * many accounts). Successful sign-ins do not count, so a busy office behind one address is not locked out.
 */
async function attemptLimits(kind: string, login: string, ip: string) {
  const { signInAttempts, signInWindowMinutes } = await getSettings();
  const buckets = [
    { bucket: `signin:${kind}:login:${login.toLowerCase()}`, limit: signInAttempts },
    { bucket: `signin:${kind}:ip:${ip}`, limit: signInAttempts * 5 },
  ];
  return {
    exhausted: async () => (await Promise.all(buckets.map((b) => isRateLimited(b.bucket, b.limit)))).some(Boolean),
    recordFailure: async () => {
      for (const b of buckets) await hitRateLimit(b.bucket, b.limit, signInWindowMinutes * 60);
    },
  };
}

/** Runs a sign-in check within the attempt limits, counting each refusal of wrong credentials. */
async function limited(kind: string, login: string, ip: string, check: () => Promise<SignInResult>): Promise<SignInResult> {
  const limits = await attemptLimits(kind, login, ip);
  if (await limits.exhausted()) return { ok: false, reason: "rate_limited" };
  const result = await check();
  if (!result.ok && result.reason === "invalid") await limits.recordFailure();
  return result;
}

export async function signInStaff(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = staffSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { login, password, code } = parsed.data;
  return limited("staff", login, ip, () => checkStaffCredentials(login, password, code));
}

async function checkStaffCredentials(login: string, password: string, code: string | undefined): Promise<SignInResult> {
  const [row] = await db
    .select({ id: staff.id, passwordHash: staff.passwordHash, active: staff.active, twoFactorSecret: staff.twoFactorSecret })
    .from(staff)
    .where(or(eq(staff.username, login), eq(staff.email, login.toLowerCase())))
    .limit(1);
  if (!row) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(password, row.passwordHash)) || !row.active) return { ok: false, reason: "invalid" };
  // Only a right password learns that a second factor is needed; each wrong code counts as an attempt.
  if (row.twoFactorSecret) {
    if (!code) return { ok: false, reason: "two_factor_required" };
    if (!(await verifySecondFactor(row.id, row.twoFactorSecret, code))) return { ok: false, reason: "invalid" };
  }
  await db
    .update(staff)
    .set({ lastLoginAt: new Date(), ...(needsRehash(row.passwordHash) ? { passwordHash: await hashPassword(password) } : {}) })
    .where(eq(staff.id, row.id));
  return { ok: true, id: row.id };
}

export async function signInCustomer(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = customerSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  return limited("user", email, ip, () => checkCustomerCredentials(email, password));
}

async function checkCustomerCredentials(email: string, password: string): Promise<SignInResult> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, blocked: users.blocked })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!row?.passwordHash) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(password, row.passwordHash)) || row.blocked) return { ok: false, reason: "invalid" };
  await db
    .update(users)
    .set({ lastLoginAt: new Date(), ...(needsRehash(row.passwordHash) ? { passwordHash: await hashPassword(password) } : {}) })
    .where(eq(users.id, row.id));
  return { ok: true, id: row.id };
}
