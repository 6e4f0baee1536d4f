import { desc, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, emailAddresses } from "@/db/schema";
import { launchBrowser, screenshot } from "../../support/browser";
import { uniqueEmail } from "../../support/factories";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { adminPage } from "./support";

let browser: Browser;
let sink: SmtpSink;

/** A free port in 2700-2799 for this test's SMTP server. */
async function startSinkOnFreePort() {
  const start = 2700 + Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    try {
      return await startSmtpSink(2700 + ((start - 2700 + i) % 100));
    } catch {
      // taken: try the next one
    }
  }
  throw new Error("No free port in 2700-2799");
}

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSinkOnFreePort();
});
afterAll(async () => {
  await browser?.close();
  await sink?.stop();
});

describe("admin: email addresses", () => {
  it("saves SMTP settings with an encrypted password never shown back, and the test email reaches the SMTP server", async () => {
    const { page, admin } = await adminPage(browser);
    const address = uniqueEmail("support");
    const password = "smtp-secret-" + Date.now();

    await page.goto("/admin/email/new");
    await page.getByRole("button", { name: "Create address" }).click();
    await page.getByText("Enter a valid email address.").waitFor();

    await page.getByLabel("Email address").fill(address);
    await page.getByLabel("Sender name").fill("Support team");
    await page.getByLabel("SMTP server").fill("127.0.0.1");
    await page.getByLabel("SMTP port").fill(String(sink.port));
    await page.getByLabel("SMTP security").selectOption("none");
    // No user: the test server takes no AUTH over plain text; the password is still stored (encrypted).
    await page.getByLabel("SMTP password").fill(password);
    await screenshot(page, "admin-email-new");
    await page.getByRole("button", { name: "Create address" }).click();
    await page.getByRole("heading", { name: address }).waitFor();

    const [row] = await db.select().from(emailAddresses).where(eq(emailAddresses.email, address));
    expect(row!.smtpPasswordEnc).toMatch(/^v1:/);
    expect(row!.smtpPasswordEnc).not.toContain(password);
    expect(await page.getByLabel("SMTP password").inputValue()).toBe("");
    expect(await page.content()).not.toContain(password);
    await page.getByText("A password is stored. Leave empty to keep it.").first().waitFor();

    // Saving again with an empty password field keeps the stored one.
    await page.getByLabel("Sender name").fill("Support desk");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Email address saved.").waitFor();
    const [again] = await db.select().from(emailAddresses).where(eq(emailAddresses.email, address));
    expect(again!.smtpPasswordEnc).toBe(row!.smtpPasswordEnc);
    expect(again!.senderName).toBe("Support desk");

    const to = uniqueEmail("check");
    await page.getByLabel("Send a test email to").fill(to);
    await page.getByRole("button", { name: "Send test email" }).click();
    await page.getByText(`Test email sent to ${to}.`).waitFor();
    const mail = await sink.waitFor((m) => m.envelope.to.includes(to));
    expect(mail.envelope.from).toBe(address);
    expect(mail.parsed.subject).toMatch(/^Test email from /);
    expect(mail.parsed.from?.text).toContain("Support desk");
    await screenshot(page, "admin-email-detail");

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.actorId, admin.id)).orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ action: "email_address.test_smtp", targetType: "email_address", targetId: String(row!.id) });
    expect(JSON.stringify(await db.select().from(auditLog).where(eq(auditLog.actorId, admin.id)))).not.toContain(password);

    // A refused connection is reported, not hidden.
    await page.getByLabel("SMTP port").fill("1");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    // "Email address saved." is still shown from the save before: wait for this save to be stored.
    await expect
      .poll(async () => (await db.select({ port: emailAddresses.smtpPort }).from(emailAddresses).where(eq(emailAddresses.email, address)))[0]?.port)
      .toBe(1);
    // The save refreshes the page; a click during that refresh would be lost.
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Send test email" }).click();
    await page.getByText(/The SMTP server did not accept the mail/).waitFor();

    await page.getByRole("button", { name: "Delete address" }).click();
    await page.waitForURL("**/admin/email");
    expect(await db.select().from(emailAddresses).where(eq(emailAddresses.email, address))).toHaveLength(0);
  });
});
