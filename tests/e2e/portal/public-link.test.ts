import { and, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, ticketHistory, tickets } from "@/db/schema";
import { TicketStatus } from "@/lib/tickets/status";
import { launchBrowser, newPage } from "../../support/browser";
import { makeDepartment, makeStaff, unique, uniqueEmail } from "../../support/factories";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { linkIn, mailTo, shootBoth, startMailPump, useSinkAsDefaultAddress } from "./support";

const SMTP_PORT = 2641;
let browser: Browser;
let stopPump: (() => Promise<void>) | undefined;
let sink: SmtpSink;
let department: { id: number; name: string };

beforeAll(async () => {
  sink = await startSmtpSink(SMTP_PORT);
  department = await makeDepartment({ name: unique("Portal support ") });
  await makeStaff({ departmentIds: [department.id] });
  const address = await useSinkAsDefaultAddress(SMTP_PORT, department.id);
  stopPump = startMailPump(address.id);
  browser = await launchBrowser();
});

afterAll(async () => {
  await stopPump?.();
  await browser?.close();
  await sink?.stop();
});

const statusOf = async (id: number) =>
  (await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, id)))[0]!.status;

describe("a guest follows a ticket through its unique link", () => {
  it("opens a ticket with an attachment, gets the link by email, is refused with a wrong email, replies and closes", async () => {
    const email = uniqueEmail("guest");
    const subject = unique("Printer jam ");
    const page = await newPage(browser);
    await page.goto("/");
    await shootBoth(page, "portal-home");
    await page.getByRole("link", { name: "Open a ticket" }).first().click();
    await page.waitForURL("**/open");
    await page.getByLabel("Department").selectOption(String(department.id));
    await page.getByLabel("Your name").fill("Gus Guest");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Message").fill("Paper is stuck in tray 2.");
    await page
      .getByLabel("Attachments (optional)")
      .setInputFiles({ name: "jam.txt", mimeType: "text/plain", buffer: Buffer.from("tray 2") });
    await shootBoth(page, "portal-open");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.waitForURL("**/open/submitted?ticket=*");
    const ticketId = Number(new URL(page.url()).searchParams.get("ticket"));
    await shootBoth(page, "portal-open-submitted");

    // The confirmation mail, delivered by the app server's worker to the real SMTP sink.
    const mail = await sink.waitFor(
      (m) => mailTo(email)(m) && (m.parsed.subject ?? "").includes(`[#${ticketId}]`),
      20_000,
    );
    const link = linkIn(mail, /\/t\/[A-Za-z0-9_-]+/);
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(link.endsWith(`/t/${row!.publicToken}`)).toBe(true);

    await page.goto(link);
    await page.getByRole("heading", { name: subject }).waitFor();
    await page.getByText("Open", { exact: true }).first().waitFor();
    await page.getByText(department.name).first().waitFor();
    await page.getByRole("list", { name: "Conversation" }).getByText("Paper is stuck in tray 2.").waitFor();
    const views = await db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, ticketId), eq(ticketHistory.action, "link_viewed")));
    expect(views.length).toBeGreaterThanOrEqual(1);
    await shootBoth(page, "portal-link-unconfirmed");

    // The attachment comes through the link's own route.
    const [file] = await db.select().from(attachments).where(eq(attachments.ticketId, ticketId));
    const href = await page.getByRole("link", { name: /jam\.txt/ }).getAttribute("href");
    expect(href).toBe(`/t/${row!.publicToken}/attachments/${file!.id}`);
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe("tray 2");

    // No reply or close before an email on the ticket is confirmed.
    expect(await page.getByRole("button", { name: "Close ticket" }).count()).toBe(0);
    await page.getByLabel("Your email address").fill(uniqueEmail("stranger"));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("This email address is not on this ticket").waitFor();
    expect(await page.getByLabel("Your reply").count()).toBe(0);
    await shootBoth(page, "portal-link-wrong-email");

    await page.getByLabel("Your email address").fill(email.toUpperCase());
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText(`Replying as ${email}`).waitFor();
    await page.getByLabel("Your reply").fill("It happens every morning.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was sent.").waitFor();
    await page.getByRole("list", { name: "Conversation" }).getByText("It happens every morning.").waitFor();
    await page.getByText("Awaiting reply", { exact: true }).first().waitFor();
    expect(await statusOf(ticketId)).toBe(TicketStatus.AwaitingReply);
    await shootBoth(page, "portal-link-confirmed");

    await page.getByRole("button", { name: "Close ticket" }).click();
    await page.getByRole("heading", { name: "Reply to reopen this ticket" }).waitFor();
    await page.getByText("Closed", { exact: true }).first().waitFor();
    expect(await statusOf(ticketId)).toBe(TicketStatus.Closed);

    // A reply reopens it.
    await page.getByLabel("Your reply").fill("Sorry, it is back.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByRole("list", { name: "Conversation" }).getByText("Sorry, it is back.").waitFor();
    expect(await statusOf(ticketId)).toBe(TicketStatus.AwaitingReply);

    // The confirmation lives in an HttpOnly cookie scoped to this link.
    const cookies = await page.context().cookies();
    const remembered = cookies.find((c) => c.name === "hd_link_email");
    expect(remembered).toMatchObject({ httpOnly: true, path: `/t/${row!.publicToken}` });
    expect(remembered!.value).not.toContain(email);
  });

  it("a wrong or truncated token is a 404, as is an attachment of another ticket through this link", async () => {
    const page = await newPage(browser);
    const [any] = await db.select({ publicToken: tickets.publicToken }).from(tickets).limit(1);
    const wrong = any!.publicToken.slice(0, -2) + (any!.publicToken.endsWith("AA") ? "BB" : "AA");
    expect((await page.goto(`/t/${wrong}`))?.status()).toBe(404);
    expect((await page.goto(`/t/${"x".repeat(32)}`))?.status()).toBe(404);
    expect((await page.goto(`/t/`))?.status()).toBe(404);
    const [file] = await db
      .select({ id: attachments.id, ticketId: attachments.ticketId })
      .from(attachments)
      .limit(1);
    if (file) {
      const [other] = await db
        .select({ publicToken: tickets.publicToken, id: tickets.id })
        .from(tickets)
        .where(eq(tickets.id, file.ticketId + 1));
      if (other)
        expect((await page.request.get(`/t/${other.publicToken}/attachments/${file.id}`)).status()).toBe(404);
    }
    await shootBoth(page, "portal-not-found");
  });

  it("'Check a ticket' mails the link for a matching number and email, and says the same for a wrong one (keyboard only)", async () => {
    const page = await newPage(browser);
    const email = uniqueEmail("checker");
    await page.goto("/open");
    await page.getByLabel("Department").selectOption(String(department.id));
    await page.getByLabel("Your name").fill("Chuck");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Subject").fill(unique("Lost link "));
    await page.getByLabel("Message").fill("Hello");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.waitForURL("**/open/submitted?ticket=*");
    const ticketId = Number(new URL(page.url()).searchParams.get("ticket"));

    await page.goto("/");
    const answer = async (number: string, address: string) => {
      await page.getByLabel("Ticket number").focus();
      await page.keyboard.type(number);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("check-email");
      await page.keyboard.type(address);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const status = page
        .getByRole("status")
        .filter({ hasText: "If this ticket number and email address go together" });
      await status.waitFor();
      return status.textContent();
    };
    const wrong = await answer(String(ticketId), uniqueEmail("nobody"));
    await shootBoth(page, "portal-home-check-sent");
    await page.reload();
    const right = await answer(String(ticketId), email);
    expect(right).toBe(wrong);
    const mail = await sink.waitFor(
      (m) => mailTo(email)(m) && (m.parsed.subject ?? "").includes("Your link to"),
      20_000,
    );
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(linkIn(mail, /\/t\/[A-Za-z0-9_-]+/).endsWith(`/t/${row!.publicToken}`)).toBe(true);
  });
});
