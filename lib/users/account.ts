import { credentialStamp } from "../auth/credential-stamp";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { authTokens, users } from "@/db/schema";
import type { UserActor } from "../auth/actors";
import { hashPassword, verifyPassword } from "../auth/password";
import { AppError } from "../errors";
import { baseUrl, enqueueEmailChangeMail, enqueuePasswordResetMail } from "../mail/notifications";
import { enforceRateLimit, hitRateLimit } from "../rate-limit";
import { getSettings } from "../settings";
import { randomToken, sha256 } from "../tokens";
import type { EmailChangeInput, PasswordChangeInput, ProfileInput, RegisterInput } from "../validation/auth";
import { findOrCreateCustomer } from ".";

// A customer's own account: registration, password reset by emailed link, profile, email and password.

export const RESET_TOKEN_TTL_SECONDS = 60 * 60;
export const EMAIL_CHANGE_TTL_SECONDS = 24 * 60 * 60;

type TokenPurpose = "password_reset" | "email_change";

/** A single-use token for a customer; only its sha256 is stored. Returns the token for the link. */
async function createUserToken(
  tx: Tx,
  purpose: TokenPurpose,
  userId: number,
  ttlSeconds: number,
  data?: Record<string, string>,
) {
  const token = randomToken(32);
  await tx.insert(authTokens).values({
    purpose,
    principalType: "user",
    principalId: userId,
    tokenHash: sha256(token),
    data: data ?? null,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return token;
}

function usableToken(purpose: TokenPurpose, token: string) {
  return and(
    eq(authTokens.tokenHash, sha256(token)),
    eq(authTokens.purpose, purpose),
    eq(authTokens.principalType, "user"),
    isNull(authTokens.usedAt),
    gt(authTokens.expiresAt, new Date()),
  );
}

/**
 * Marks the token used and returns its row, or null when it is unknown, used or expired. The UPDATE
 * ... WHERE used_at IS NULL makes two simultaneous uses impossible: only one of them changes the row.
 */
async function consumeUserToken(tx: Tx, purpose: TokenPurpose, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await tx
    .select({ id: authTokens.id, userId: authTokens.principalId, data: authTokens.data })
    .from(authTokens)
    .where(usableToken(purpose, token));
  if (!row) return null;
  const [result] = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt)));
  return result.affectedRows === 1 ? row : null;
}

const invalidLink = () =>
  new AppError("invalid", "This link is invalid or has expired. Please ask for a new one.");

/** Self-registration: creates a customer with a password. An address already known goes to the reset flow. */
export async function registerCustomer(input: RegisterInput, ip: string) {
  const settings = await getSettings();
  if (!settings.selfRegistration) throw new AppError("not_found", "Not found.");
  await enforceRateLimit(
    `register:ip:${ip}`,
    10,
    3600,
    "Too many accounts were created from your network. Please try again later.",
  );
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const customer = await findOrCreateCustomer(tx, { email: input.email, fullname: input.fullname });
    if (!customer.created) {
      // Setting a password on an existing address (even one without a password, created by mail or the
      // public form) would hand its tickets to whoever typed it: only the emailed reset link may do that.
      const message =
        "This email address already has an account. Sign in, or use “Forgot your password?” to set one.";
      throw new AppError("conflict", message, { email: message });
    }
    await tx.update(users).set({ passwordHash, fullname: input.fullname }).where(eq(users.id, customer.id));
    return { id: customer.id };
  });
}

/**
 * Sends a reset link when the address is a customer's (also one without a password yet). The caller
 * shows the same answer whether or not an account exists; the limits apply before the lookup.
 */
export async function requestPasswordReset(email: string, ip: string) {
  const { passwordResetsPerHour } = await getSettings();
  const limited = "Too many password reset requests. Please try again in an hour.";
  await enforceRateLimit(`reset:ip:${ip}`, passwordResetsPerHour * 4, 3600, limited);
  await enforceRateLimit(`reset:email:${email.toLowerCase()}`, passwordResetsPerHour, 3600, limited);
  const [user] = await db
    .select({ id: users.id, email: users.email, fullname: users.fullname, blocked: users.blocked })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  if (!user || user.blocked) return;
  const url = await baseUrl();
  await db.transaction(async (tx) => {
    const token = await createUserToken(tx, "password_reset", user.id, RESET_TOKEN_TTL_SECONDS);
    await enqueuePasswordResetMail(tx, {
      to: user.email,
      name: user.fullname,
      link: `${url}/reset-password/${token}`,
    });
  });
}

/** Whether a reset link can still be used (the page shows the form or an explanation). */
export async function isResetTokenUsable(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const [row] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(usableToken("password_reset", token));
  return Boolean(row);
}

/** Sets the new password with a reset link; the link (and every other open reset link) is used up. */
export async function resetPassword(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const row = await consumeUserToken(tx, "password_reset", token);
    if (!row) throw invalidLink();
    const [user] = await tx
      .select({ email: users.email, blocked: users.blocked })
      .from(users)
      .where(eq(users.id, row.userId));
    if (!user || user.blocked) throw invalidLink();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(authTokens.principalType, "user"),
          eq(authTokens.principalId, row.userId),
          eq(authTokens.purpose, "password_reset"),
          isNull(authTokens.usedAt),
        ),
      );
    return { userId: row.userId, email: user.email };
  });
}

export async function getProfile(actor: UserActor) {
  const [row] = await db
    .select({ fullname: users.fullname, email: users.email, timezone: users.timezone })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!row) throw new AppError("not_found", "Not found.");
  return row;
}

export async function updateProfile(actor: UserActor, input: ProfileInput) {
  await db
    .update(users)
    .set({ fullname: input.fullname, timezone: input.timezone || null })
    .where(eq(users.id, actor.id));
}

async function checkCurrentPassword(actor: UserActor, password: string) {
  const ok = await hitRateLimit(`password-check:user:${actor.id}`, 10, 15 * 60);
  if (!ok)
    throw new AppError("rate_limited", "Too many wrong passwords. Please wait 15 minutes and try again.");
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!(await verifyPassword(password, row?.passwordHash))) {
    const message = "Your current password is not correct.";
    throw new AppError("invalid", message, { currentPassword: message });
  }
}

export async function changePassword(actor: UserActor, input: PasswordChangeInput) {
  await checkCurrentPassword(actor, input.currentPassword);
  const passwordHash = await hashPassword(input.password);
  await db.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
  // Every other session of theirs ends; the caller keeps the current one with this stamp.
  return { stamp: credentialStamp(passwordHash) };
}

/**
 * Starts an email change: a confirmation link goes to the new address, and the address changes only
 * when it is opened. Whether the address is already someone's is told only then, to its owner.
 */
export async function requestEmailChange(actor: UserActor, input: EmailChangeInput) {
  await checkCurrentPassword(actor, input.currentPassword);
  if (input.email === actor.email.toLowerCase()) {
    const message = "This is already your email address.";
    throw new AppError("invalid", message, { email: message });
  }
  const url = await baseUrl();
  await db.transaction(async (tx) => {
    const token = await createUserToken(tx, "email_change", actor.id, EMAIL_CHANGE_TTL_SECONDS, {
      email: input.email,
    });
    await enqueueEmailChangeMail(tx, {
      to: input.email,
      name: actor.fullname,
      link: `${url}/confirm-email/${token}`,
    });
  });
}

/** Opens the confirmation link: the account's email becomes the new address. */
export async function confirmEmailChange(token: string) {
  try {
    return await db.transaction(async (tx) => {
      const row = await consumeUserToken(tx, "email_change", token);
      const email = row?.data?.email;
      if (!row || !email) throw invalidLink();
      await tx.update(users).set({ email }).where(eq(users.id, row.userId));
      return { userId: row.userId, email };
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "ER_DUP_ENTRY") {
      throw new AppError(
        "conflict",
        "Another account already uses this email address, so it cannot be yours too.",
      );
    }
    throw error;
  }
}
