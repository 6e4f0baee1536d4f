import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { authTokens, outbox, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { signInCustomer } from "@/lib/auth/sign-in";
import { saveSettings, resetSettings } from "@/lib/settings";
import { sha256 } from "@/lib/tokens";
import {
  changePassword,
  confirmEmailChange,
  isResetTokenUsable,
  registerCustomer,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
} from "@/lib/users/account";
import { makeCustomer, uniqueEmail } from "../../support/factories";

const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** The link in the newest mail of `event` to `to`, and its token. */
async function linkMailedTo(to: string, event: "password_reset" | "email_change") {
  const [mail] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.event, event)))
    .orderBy(desc(outbox.id))
    .limit(1);
  if (!mail) return null;
  const link = /https?:\/\/\S+\/(?:reset-password|confirm-email)\/([A-Za-z0-9_-]+)/.exec(mail.bodyText)!;
  return { mail, link: link[0], token: link[1]! };
}

describe("password reset", () => {
  it("mails a single-use link whose token is stored only as a hash; the new password signs in", async () => {
    const customer = await makeCustomer();
    await requestPasswordReset(customer.email.toUpperCase(), ip());
    const sent = await linkMailedTo(customer.email, "password_reset");
    expect(sent).not.toBeNull();
    expect(sent!.mail.bodyText).not.toContain(customer.password);
    const rows = await db.select().from(authTokens).where(and(eq(authTokens.principalType, "user"), eq(authTokens.principalId, customer.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha256(sent!.token));
    expect(JSON.stringify(rows[0])).not.toContain(sent!.token);

    expect(await isResetTokenUsable(sent!.token)).toBe(true);
    await resetPassword(sent!.token, "a brand new password");
    expect(await isResetTokenUsable(sent!.token)).toBe(false);
    await expect(resetPassword(sent!.token, "another new password")).rejects.toMatchObject({ code: "invalid" });
    expect(await signInCustomer({ email: customer.email, password: "a brand new password" }, ip())).toMatchObject({ ok: true });
    expect(await signInCustomer({ email: customer.email, password: customer.password }, ip())).toMatchObject({ ok: false });
  });

  it("refuses an expired link", async () => {
    const customer = await makeCustomer();
    await requestPasswordReset(customer.email, ip());
    const sent = await linkMailedTo(customer.email, "password_reset");
    await db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.tokenHash, sha256(sent!.token)));
    expect(await isResetTokenUsable(sent!.token)).toBe(false);
    await expect(resetPassword(sent!.token, "a brand new password")).rejects.toMatchObject({ code: "invalid" });
  });

  it("lets a customer created without a password (by mail or the public form) set one", async () => {
    const customer = await makeCustomer({ withPassword: false });
    await requestPasswordReset(customer.email, ip());
    const sent = await linkMailedTo(customer.email, "password_reset");
    await resetPassword(sent!.token, "my first password");
    expect(await signInCustomer({ email: customer.email, password: "my first password" }, ip())).toMatchObject({ ok: true });
  });

  it("does not reveal whether an account exists: same outcome, no mail, no token for an unknown address", async () => {
    const unknown = uniqueEmail("nobody");
    await expect(requestPasswordReset(unknown, ip())).resolves.toBeUndefined();
    expect(await linkMailedTo(unknown, "password_reset")).toBeNull();
    const [user] = await db.select().from(users).where(eq(users.email, unknown));
    expect(user).toBeUndefined();
  });

  it("is rate limited per address (the limit applies whether or not the account exists)", async () => {
    const unknown = uniqueEmail("nobody");
    for (let i = 0; i < 5; i++) await requestPasswordReset(unknown, ip());
    await expect(requestPasswordReset(unknown, ip())).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("registration", () => {
  it("creates a customer with a password when self-registration is on, and is not found when off", async () => {
    const email = uniqueEmail("new");
    await registerCustomer({ fullname: "New Person", email, password: "long enough pw", confirmPassword: "long enough pw" }, ip());
    expect(await signInCustomer({ email, password: "long enough pw" }, ip())).toMatchObject({ ok: true });

    await saveSettings({ selfRegistration: false });
    try {
      const other = uniqueEmail("new");
      await expect(
        registerCustomer({ fullname: "X", email: other, password: "long enough pw", confirmPassword: "long enough pw" }, ip()),
      ).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await resetSettings(["selfRegistration"]);
    }
  });

  it("never sets a password on an existing address (even one without a password): that is the reset link's job", async () => {
    const customer = await makeCustomer({ withPassword: false });
    await expect(
      registerCustomer({ fullname: "Thief", email: customer.email, password: "long enough pw", confirmPassword: "long enough pw" }, ip()),
    ).rejects.toMatchObject({ code: "conflict" });
    const [row] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(row?.passwordHash).toBeNull();
    expect(row?.fullname).toBe(customer.fullname);
  });
});

describe("profile", () => {
  it("changes the email only when the link sent to the new address is opened, once", async () => {
    const customer = await makeCustomer();
    const next = uniqueEmail("moved");
    await expect(requestEmailChange(customer.actor, { email: next, currentPassword: "wrong password" })).rejects.toMatchObject({
      code: "invalid",
    });
    await requestEmailChange(customer.actor, { email: next, currentPassword: customer.password });
    const [before] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(before?.email).toBe(customer.email);
    const sent = await linkMailedTo(next, "email_change");
    await confirmEmailChange(sent!.token);
    const [after] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(after?.email).toBe(next);
    await expect(confirmEmailChange(sent!.token)).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses to take an address another account got in the meantime", async () => {
    const customer = await makeCustomer();
    const next = uniqueEmail("taken");
    await requestEmailChange(customer.actor, { email: next, currentPassword: customer.password });
    await db.insert(users).values({ email: next, fullname: "Other" });
    const sent = await linkMailedTo(next, "email_change");
    await expect(confirmEmailChange(sent!.token)).rejects.toMatchObject({ code: "conflict" });
    const [row] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(row?.email).toBe(customer.email);
  });

  it("changes the password only with the current one", async () => {
    const customer = await makeCustomer();
    await expect(
      changePassword(customer.actor, { currentPassword: "not it at all", password: "new password 1", confirmPassword: "new password 1" }),
    ).rejects.toMatchObject({ code: "invalid" });
    await changePassword(customer.actor, { currentPassword: customer.password, password: "new password 1", confirmPassword: "new password 1" });
    const [row] = await db.select().from(users).where(eq(users.id, customer.id));
    expect(await verifyPassword("new password 1", row?.passwordHash)).toBe(true);
  });
});
