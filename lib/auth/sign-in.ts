import { eq, or } from "drizzle-orm";
import { db } from "@/db";
import { staff, users } from "@/db/schema";
import { getSettings } from "../settings";
import { hitRateLimit } from "../rate-limit";
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from "./password";
import { verifySecondFactor } from "./two-factor";
import { customerSignInSchema, staffSignInSchema } from "../validation/auth";

export type SignInFailure = "invalid" | "rate_limited" | "two_factor_required";
export type SignInResult = { ok: true; id: number } | { ok: false; reason: SignInFailure };

async function withinAttemptLimit(kind: string, login: string, ip: string) {
  const { signInAttempts, signInWindowMinutes } = await getSettings();
  const window = signInWindowMinutes * 60;
  // Per account (slows guessing one password) and per address (slows spraying many accounts).
  const perLogin = await hitRateLimit(`signin:${kind}:login:${login.toLowerCase()}`, signInAttempts, window);
  const perIp = await hitRateLimit(`signin:${kind}:ip:${ip}`, signInAttempts * 5, window);
  return perLogin && perIp;
}

export async function signInStaff(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = staffSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { login, password, code } = parsed.data;
  if (!(await withinAttemptLimit("staff", login, ip))) return { ok: false, reason: "rate_limited" };
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
  if (!(await withinAttemptLimit("user", email, ip))) return { ok: false, reason: "rate_limited" };
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
