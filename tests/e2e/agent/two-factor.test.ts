import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "@/lib/auth/totp";
import { launchBrowser, newPage, screenshot } from "../../support/browser";
import { makeStaff } from "../../support/factories";
import { codeOtherThan, enrolmentCode } from "../../support/totp";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function enterPassword(page: Page, login: string, password: string) {
  await page.goto("/agent/login");
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/agent/login");
}

describe("two-factor sign-in in the browser", () => {
  it("an agent turns it on in the profile, then signs in with the app's code and with a recovery code once", async () => {
    const agent = await makeStaff();
    const page = await newPage(browser);
    await enterPassword(page, agent.username, agent.password);
    await page.waitForURL("**/agent");
    await page.getByRole("navigation", { name: "Agent" }).getByRole("link", { name: "Profile" }).click();
    await page.waitForURL("**/agent/profile");
    await screenshot(page, "agent-profile-1280");

    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secretKey = page.getByLabel("Secret key");
    await secretKey.waitFor();
    const secret = (await secretKey.getAttribute("data-secret"))!;
    expect((await secretKey.textContent())!.replace(/\s/g, "")).toBe(secret);
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).count()).resolves.toBe(1);
    await screenshot(page, "agent-profile-2fa-setup-1280");
    const enrolment = enrolmentCode(secret);
    await page.getByLabel("Code from your app").fill(enrolment.code);
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const list = page.getByRole("list", { name: "Recovery codes" });
    await list.waitFor();
    const recoveryCodes = await list.getByRole("listitem").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await screenshot(page, "agent-profile-2fa-codes-1280");
    const narrow = await newPage(browser, { width: 390, height: 844 });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto("/agent/profile");
    await screenshot(narrow, "agent-profile-390");
    await narrow.close();
    await page.getByRole("button", { name: "I have saved these codes" }).click();
    await page.getByText("Two-factor sign-in is on.").waitFor();
    await signOut(page);

    // The password alone is not enough: the form asks for the code.
    await enterPassword(page, agent.username, agent.password);
    const codeField = page.getByLabel("Two-factor code");
    await codeField.waitFor();
    await screenshot(page, "agent-sign-in-2fa-1280");
    await codeField.fill("000000" === totpCode(secret) ? "111111" : "000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The sign-in details are not correct.").waitFor();
    await codeField.fill(codeOtherThan(secret, enrolment.step));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/agent");
    await signOut(page);

    // A recovery code works once.
    await enterPassword(page, agent.username, agent.password);
    await page.getByLabel("Two-factor code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/agent");
    await page.goto("/agent/profile");
    await page.getByText("You have 9 unused recovery codes.").waitFor();
    await signOut(page);
    await enterPassword(page, agent.username, agent.password);
    await page.getByLabel("Two-factor code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The sign-in details are not correct.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/agent/login");
  });
});
