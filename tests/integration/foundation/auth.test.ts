import { describe, expect, it } from "vitest";
import { signInCustomer, signInStaff } from "@/lib/auth/sign-in";
import { createFirstAdmin, hasAnyStaff } from "@/lib/staff/manage";
import { makeCustomer, makeStaff, unique } from "../../support/factories";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-in", () => {
  it("lets staff in with username or email and refuses a wrong password", async () => {
    const agent = await makeStaff();
    expect(await signInStaff({ login: agent.username, password: agent.password }, ip())).toEqual({ ok: true, id: agent.id });
    expect(await signInStaff({ login: agent.email, password: agent.password }, ip())).toEqual({ ok: true, id: agent.id });
    expect(await signInStaff({ login: agent.username, password: "wrong password" }, ip())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff({ login: "nobody-" + unique(), password: "x" }, ip())).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses deactivated staff even with the right password", async () => {
    const agent = await makeStaff({ active: false });
    expect(await signInStaff({ login: agent.username, password: agent.password }, ip())).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets customers in by email, and refuses a customer who has no password yet", async () => {
    const customer = await makeCustomer();
    const passwordless = await makeCustomer({ withPassword: false });
    expect(await signInCustomer({ email: customer.email, password: customer.password }, ip())).toEqual({ ok: true, id: customer.id });
    expect(await signInCustomer({ email: customer.email, password: "nope nope" }, ip())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer({ email: passwordless.email, password: "" }, ip())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer({ email: passwordless.email, password: "anything" }, ip())).toEqual({ ok: false, reason: "invalid" });
  });

  it("stops guessing after the attempt limit, even with the right password", async () => {
    const customer = await makeCustomer();
    const from = ip();
    for (let i = 0; i < 10; i++) await signInCustomer({ email: customer.email, password: `guess ${i}` }, from);
    expect(await signInCustomer({ email: customer.email, password: customer.password }, from)).toEqual({ ok: false, reason: "rate_limited" });
  });
});

describe("attempt limits count failures only", () => {
  it("lets the same person sign in many times from one address", async () => {
    const customer = await makeCustomer();
    const from = ip();
    for (let i = 0; i < 15; i++) {
      expect(await signInCustomer({ email: customer.email, password: customer.password }, from)).toEqual({ ok: true, id: customer.id });
    }
  });
});

describe("first-run setup", () => {
  it("is refused once staff exists", async () => {
    await makeStaff();
    expect(await hasAnyStaff()).toBe(true);
    await expect(
      createFirstAdmin({
        fullname: "Intruder",
        email: `${unique()}@evil.test`,
        username: unique("intruder"),
        password: "long enough password",
        confirmPassword: "long enough password",
        helpdeskName: "Owned",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
