import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages } from "@/db/schema";
import { generateTotpSecret, totpCode } from "@/lib/auth/totp";
import { enableTwoFactor, getTwoFactorStatus } from "@/lib/auth/two-factor";
import { baseUrl, launchBrowser, newPage, screenshot } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { codeOtherThan, enrolmentCode } from "../../support/totp";
import { rememberSettings, saveSettingsThroughUi } from "../admin/support";

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

const explanation = "This help desk requires two-factor sign-in for staff.";

describe("required two-factor sign-in for staff", () => {
  it("holds a signed-in agent without it at the setup (pages and actions alike) until they enroll, then lets them reach the queue", async () => {
    const restore = await rememberSettings(["staffTwoFactorRequired"]);
    try {
      const dept = await makeDepartment();
      const customer = await makeCustomer();
      const subject = unique("Held ticket ");
      const ticket = await makeTicket({ userId: customer.id, departmentId: dept.id, subject });
      const agent = await makeStaff({ departmentIds: [dept.id] });

      // The agent is at work on a ticket before the requirement exists.
      const page = await newPage(browser);
      await enterPassword(page, agent.username, agent.password);
      await page.waitForURL("**/agent");
      await page.goto(`/agent/tickets/${ticket.id}`);
      await page.getByLabel("Your reply").fill("A reply typed before the rule changed.");

      // An admin who already uses two-factor sign-in turns the requirement on.
      const admin = await makeStaff({ role: "admin" });
      const adminSecret = generateTotpSecret();
      const enrolment = enrolmentCode(adminSecret);
      await enableTwoFactor(admin.id, adminSecret, enrolment.code);
      const adminPage = await newPage(browser);
      await enterPassword(adminPage, admin.username, admin.password);
      await adminPage.getByLabel("Two-factor code").fill(codeOtherThan(adminSecret, enrolment.step));
      await adminPage.getByRole("button", { name: "Sign in" }).click();
      await adminPage.waitForURL("**/agent");
      await saveSettingsThroughUi(adminPage, "security", (p) => p.getByLabel("Require two-factor sign-in for staff").check());
      await screenshot(adminPage, "admin-settings-security-2fa-required");

      // The agent's next action is refused: nothing is sent, and they land on the setup with the reason.
      await page.getByRole("button", { name: "Send reply" }).click();
      await page.waitForURL("**/agent/two-factor");
      await page.getByText(explanation).waitFor();
      const sent = await db.select().from(messages).where(and(eq(messages.ticketId, ticket.id), eq(messages.authorType, "staff")));
      expect(sent).toHaveLength(0);

      // A colleague without two-factor sign-in who signs in now is held at the setup straight away.
      const colleague = await makeStaff({ departmentIds: [dept.id] });
      const held = await newPage(browser);
      await enterPassword(held, colleague.username, colleague.password);
      await held.waitForURL("**/agent/two-factor");
      await held.getByText(explanation).waitFor();
      expect(await held.getByRole("navigation", { name: "Agent" }).count()).toBe(0);
      await screenshot(held, "agent-two-factor-required");

      // Every other page sends them back; cookie-authenticated route handlers refuse.
      for (const path of ["/agent", `/agent/tickets/${ticket.id}`, "/agent/profile", "/agent/customers", "/agent/tickets/new", "/admin"]) {
        await held.goto(path);
        await held.waitForURL("**/agent/two-factor");
      }
      // Same-origin, as the ticket page's own heartbeat is: refused only because of who is asking.
      const heartbeat = await held.request.post(`/agent/tickets/${ticket.id}/presence`, { headers: { origin: baseUrl() } });
      expect(heartbeat.status()).toBe(404);

      // They enroll with the code their app would show, and the help desk opens up.
      await held.getByRole("button", { name: "Set up two-factor sign-in" }).click();
      const secretKey = held.getByLabel("Secret key");
      await secretKey.waitFor();
      const secret = (await secretKey.getAttribute("data-secret"))!;
      await held.getByLabel("Code from your app").fill(totpCode(secret));
      await held.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
      await held.getByRole("list", { name: "Recovery codes" }).waitFor();
      await screenshot(held, "agent-two-factor-required-codes");
      expect((await getTwoFactorStatus(colleague.id)).enabled).toBe(true);
      await held.getByRole("button", { name: "I have saved these codes" }).click();
      await held.getByRole("link", { name: "Continue to the tickets" }).click();
      await held.waitForURL("**/agent");
      await held.getByRole("link", { name: subject }).waitFor();
      expect(await held.getByText(explanation).count()).toBe(0);
      await screenshot(held, "agent-two-factor-required-enrolled-queue");
    } finally {
      await restore();
    }
  });
});
