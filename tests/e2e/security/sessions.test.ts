// Sessions end when the password changes: every other browser is signed out, the one that changed it
// goes on. Cookies are HttpOnly and SameSite.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStaffPassword } from "@/lib/staff/manage";
import { launchBrowser, newPage, signInCustomer } from "../../support/browser";
import { makeCustomer, makeStaff } from "../../support/factories";
import { request, signInOverHttp } from "../../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isSignedOut = (response: Response) => response.status >= 300 && response.status < 400 && /login/.test(response.headers.get("location") ?? "");

describe("sessions and password changes", () => {
  it("a customer who changes their password stays signed in here and is signed out everywhere else", async () => {
    const customer = await makeCustomer();
    const elsewhere = await signInOverHttp("customer", { email: customer.email, password: customer.password });
    expect((await request("/account/tickets", elsewhere)).status).toBe(200);

    const page = await newPage(browser);
    await signInCustomer(page, customer.email, customer.password);
    const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.goto("/account/profile");
    const form = page.getByRole("form", { name: "Password" });
    await form.getByLabel("Current password").fill(customer.password);
    await form.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await form.getByLabel("Repeat the new password").fill("a brand new passphrase");
    await form.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password is changed.").waitFor();

    // This browser goes on; the other session is over, and the old password no longer signs in.
    await page.goto("/account/tickets");
    expect(new URL(page.url()).pathname).toBe("/account/tickets");
    expect(isSignedOut(await request("/account/tickets", elsewhere))).toBe(true);
    await expect(signInOverHttp("customer", { email: customer.email, password: customer.password })).rejects.toThrow();
    const fresh = await signInOverHttp("customer", { email: customer.email, password: "a brand new passphrase" });
    expect((await request("/account/tickets", fresh)).status).toBe(200);
  });

  it("a staff password set by an admin (or the CLI) signs that agent out of every session", async () => {
    const agent = await makeStaff();
    const session = await signInOverHttp("staff", { login: agent.username, password: agent.password });
    expect((await request("/agent", session)).status).toBe(200);
    await setStaffPassword(agent.username, "another long passphrase");
    expect(isSignedOut(await request("/agent", session))).toBe(true);
  });
});
