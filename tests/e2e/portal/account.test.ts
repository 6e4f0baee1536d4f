import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, authTokens, organizations, tickets } from "@/db/schema";
import { resetSettings, saveSettings } from "@/lib/settings";
import { createTicket } from "@/lib/tickets/create";
import { closeTicketAsCustomer } from "@/lib/tickets/replies";
import { TicketStatus } from "@/lib/tickets/status";
import { sha256 } from "@/lib/tokens";
import { launchBrowser, newPage } from "../../support/browser";
import {
  makeCustomer,
  makeDepartment,
  makeStaff,
  makeTicket,
  unique,
  uniqueEmail,
} from "../../support/factories";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { linkIn, mailTo, shootBoth, signInCustomer, startMailPump, useSinkAsDefaultAddress } from "./support";

const SMTP_PORT = 2642;
let browser: Browser;
let stopPump: (() => Promise<void>) | undefined;
let sink: SmtpSink;
let department: { id: number; name: string };

beforeAll(async () => {
  sink = await startSmtpSink(SMTP_PORT);
  department = await makeDepartment({ name: unique("Accounts ") });
  await makeStaff({ departmentIds: [department.id] });
  const address = await useSinkAsDefaultAddress(SMTP_PORT, department.id);
  stopPump = startMailPump(address.id);
  browser = await launchBrowser();
});

afterAll(async () => {
  await resetSettings(["selfRegistration"]);
  await stopPump?.();
  await browser?.close();
  await sink?.stop();
});

describe("the private portal", () => {
  it("a signed-in customer lists, filters, opens, replies to and closes a ticket; another customer gets 404s", async () => {
    const alice = await makeCustomer();
    const open = await makeTicket({
      userId: alice.id,
      departmentId: department.id,
      subject: unique("Alice open "),
    });
    const closed = await makeTicket({
      userId: alice.id,
      departmentId: department.id,
      subject: unique("Alice closed "),
    });
    await closeTicketAsCustomer(closed.id, { type: "user", id: alice.id });
    const withFile = await createTicket({
      requester: { userId: alice.id },
      departmentId: department.id,
      subject: unique("Alice file "),
      message: "see file",
      files: [{ filename: "alice.txt", contentType: "text/plain", data: Buffer.from("alice") }],
      source: "api",
      openedBy: { type: "api" },
      notify: false,
    });
    const [file] = await db.select().from(attachments).where(eq(attachments.ticketId, withFile.id));
    const [openRow] = await db.select().from(tickets).where(eq(tickets.id, open.id));

    const page = await newPage(browser);
    await signInCustomer(page, alice.email, alice.password);
    for (const id of [open.id, closed.id, withFile.id])
      await page.getByText(`#${id}`, { exact: true }).waitFor();
    await shootBoth(page, "portal-my-tickets");

    await page.getByLabel("Status").selectOption(String(TicketStatus.Closed));
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=5/);
    await page.getByText(`#${closed.id}`, { exact: true }).waitFor();
    expect(await page.getByText(`#${open.id}`, { exact: true }).count()).toBe(0);
    await shootBoth(page, "portal-my-tickets-filtered");

    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Search").fill(String(open.id));
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/q=/);
    await page.getByRole("link", { name: /Alice open/ }).click();
    await page.waitForURL(`**/account/tickets/${open.id}`);
    await page.getByLabel("Your reply").fill("Any update?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was sent.").waitFor();
    await page.getByRole("list", { name: "Conversation" }).getByText("Any update?").waitFor();
    await page.getByText("Awaiting reply", { exact: true }).first().waitFor();
    await shootBoth(page, "portal-ticket");
    await page.getByRole("button", { name: "Close ticket" }).click();
    await page.getByRole("heading", { name: "Reply to reopen this ticket" }).waitFor();
    const [after] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, open.id));
    expect(after?.status).toBe(TicketStatus.Closed);

    const bob = await makeCustomer();
    const other = await newPage(browser);
    await signInCustomer(other, bob.email, bob.password);
    expect(await other.getByText(/Alice/).count()).toBe(0);
    expect((await other.goto(`/account/tickets/${open.id}`))?.status()).toBe(404);
    expect((await other.request.get(`/attachments/${file!.id}`)).status()).toBe(404);
    expect((await other.goto(`/t/${openRow!.publicToken.slice(0, -1)}`))?.status()).toBe(404);
    expect((await other.goto(`/t/${openRow!.publicToken}x`))?.status()).toBe(404);
  });

  it("a member of an organization that shares tickets sees a colleague's ticket with a requester column", async () => {
    const [org] = await db
      .insert(organizations)
      .values({ name: unique("Org "), sharesTickets: true })
      .$returningId();
    const carol = await makeCustomer({ organizationId: org!.id });
    const dave = await makeCustomer({ organizationId: org!.id });
    const daves = await makeTicket({
      userId: dave.id,
      departmentId: department.id,
      subject: unique("Dave's "),
    });
    const page = await newPage(browser);
    await signInCustomer(page, carol.email, carol.password);
    await page.getByRole("columnheader", { name: "Requester" }).waitFor();
    await page.getByRole("link", { name: /Dave's/ }).waitFor();
    await page.getByRole("cell", { name: dave.fullname }).waitFor();
    await page.goto(`/account/tickets/${daves.id}`);
    await page.getByRole("heading", { name: /Dave's/ }).waitFor();
  });
});

describe("password reset", () => {
  it("mail, link, new password, sign in; the link works once and an expired one is refused", async () => {
    const customer = await makeCustomer({ withPassword: false });
    const page = await newPage(browser);
    await page.goto("/login");
    await shootBoth(page, "portal-login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL("**/forgot-password");
    await page.getByLabel("Email address").fill(customer.email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    const notice = page.getByText("If an account uses this address");
    await notice.waitFor();
    await shootBoth(page, "portal-forgot-password");
    // Same answer for an address without an account.
    await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send me a link" }).click();
    await notice.waitFor();

    const mail = await sink.waitFor(
      (m) => mailTo(customer.email)(m) && (m.parsed.subject ?? "").includes("Reset"),
      20_000,
    );
    const link = linkIn(mail, /\/reset-password\/[A-Za-z0-9_-]+/);
    await page.goto(link);
    await shootBoth(page, "portal-reset-password");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Use at least 10 characters.").waitFor();
    await page.getByLabel("New password", { exact: true }).fill("my new portal password");
    await page.getByLabel("Repeat the new password").fill("my new portal password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL("**/login?done=reset");
    await page.getByText("Your new password is set.").waitFor();
    await page.getByLabel("Email address").fill(customer.email);
    await page.getByLabel("Password").fill("my new portal password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account/tickets");

    const again = await newPage(browser);
    await again.goto(link);
    await again.getByText("This link is invalid or has expired").waitFor();
    await shootBoth(again, "portal-reset-password-used");

    // An expired link.
    await again.goto("/forgot-password");
    await again.getByLabel("Email address").fill(customer.email);
    await again.getByRole("button", { name: "Send me a link" }).click();
    await again.getByText("If an account uses this address").waitFor();
    const second = await sink.waitFor(
      (m) =>
        mailTo(customer.email)(m) &&
        (m.parsed.subject ?? "").includes("Reset") &&
        !(m.parsed.text ?? "").includes(link),
      20_000,
    );
    const secondLink = linkIn(second, /\/reset-password\/[A-Za-z0-9_-]+/);
    const token = secondLink.split("/").pop()!;
    await db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(authTokens.tokenHash, sha256(token)));
    await again.goto(secondLink);
    await again.getByText("This link is invalid or has expired").waitFor();
    expect(await again.getByLabel("New password", { exact: true }).count()).toBe(0);
  });
});

describe("registration and profile", () => {
  it("registers when self-registration is on; with it off the page is 404 and the links are gone", async () => {
    await saveSettings({ selfRegistration: true });
    const page = await newPage(browser);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Register" }).click();
    await page.waitForURL("**/register");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Enter your name.").waitFor();
    await shootBoth(page, "portal-register-errors");
    const email = uniqueEmail("reg");
    await page.getByLabel("Your name").fill("Rita Registered");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("rita's password 1");
    await page.getByLabel("Repeat the password").fill("rita's password 1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/account/tickets");
    await page.getByText(`Signed in as ${email}`).waitFor();

    // Profile: name and time zone saved, screenshots.
    await page.getByRole("link", { name: "Profile" }).click();
    await page.waitForURL("**/account/profile");
    await page.getByLabel("Name").fill("Rita R.");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Your profile is saved.").waitFor();
    await page.locator("#current-password").fill("wrong password");
    await page.getByLabel("New password", { exact: true }).fill("rita's password 2");
    await page.getByLabel("Repeat the new password").fill("rita's password 2");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your current password is not correct.").waitFor();
    await shootBoth(page, "portal-profile");

    // Email change: confirmed by the link sent to the new address.
    const next = uniqueEmail("rita-new");
    await page.getByLabel("New email address").fill(next);
    await page.locator("#email-current-password").fill("rita's password 1");
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await page.getByText(`We sent a confirmation link to ${next}`).waitFor();
    const mail = await sink.waitFor(mailTo(next), 20_000);
    await page.goto(linkIn(mail, /\/confirm-email\/[A-Za-z0-9_-]+/));
    await shootBoth(page, "portal-confirm-email");
    await page.getByRole("button", { name: "Confirm my new email address" }).click();
    await page.waitForURL("**/account/profile?done=email");
    await page.getByText(`Your email address is now ${next}.`).waitFor();

    await saveSettings({ selfRegistration: false });
    const off = await newPage(browser);
    expect((await off.goto("/register"))?.status()).toBe(404);
    await off.goto("/login");
    expect(await off.getByRole("link", { name: /Register|Create an account/ }).count()).toBe(0);
    await off.goto("/");
    expect(await off.getByRole("link", { name: /Register|Create an account/ }).count()).toBe(0);
    await resetSettings(["selfRegistration"]);
  });
});
