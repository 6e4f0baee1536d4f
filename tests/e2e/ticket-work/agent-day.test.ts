import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { cannedResponses, messages, ticketParticipants, tickets } from "@/db/schema";
import { getThread } from "@/lib/tickets/queries";
import { baseUrl, launchBrowser, newPage, screenshot, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { makeEmailAddress, startMailPump } from "../../support/mail";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

let browser: Browser;
let sink: SmtpSink;
let stopPump: (() => Promise<void>) | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink(2651);
});
afterAll(async () => {
  await stopPump?.();
  await browser?.close();
  await sink?.stop();
});

const row = async (ticketId: number) => (await db.select().from(tickets).where(eq(tickets.id, ticketId)))[0]!;

describe("an agent's day", () => {
  it("filters the queue, replies with a canned response and an attachment the customer receives, notes, reassigns", async () => {
    const department = await makeDepartment({ name: unique("Desk ") });
    const address = await makeEmailAddress({ departmentId: department.id, smtpPort: sink.port });
    stopPump = startMailPump(address.id);
    const agent = await makeStaff({ departmentIds: [department.id] });
    const colleague = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const subject = unique("Cannot print invoices ");
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, subject });
    await makeTicket({ userId: customer.id, departmentId: department.id, subject: unique("Unrelated ") });
    const cannedTitle = unique("Apology ");
    await db.insert(cannedResponses).values({ title: cannedTitle, body: "Dear {{customer.name}}, sorry about ticket #{{ticket.id}}.", staffId: agent.id });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.getByLabel("Search").fill("Cannot print invoices");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=Cannot/);
    await page.getByRole("link", { name: subject }).waitFor();
    expect(await page.getByText(/Unrelated /).count()).toBe(0);
    await screenshot(page, "agent-queue-filtered");

    await page.getByRole("link", { name: subject }).click();
    await page.waitForURL(`**/agent/tickets/${ticket.id}`);
    await page.getByLabel("Canned response").selectOption({ label: cannedTitle });
    expect(await page.getByLabel("Your reply").inputValue()).toBe(`Dear ${customer.fullname}, sorry about ticket #${ticket.id}.`);
    await page.getByLabel("Attachments").setInputFiles({ name: "fix.txt", mimeType: "text/plain", buffer: Buffer.from("apply patch 42") });
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Reply sent.").waitFor();

    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(customer.email) && (m.parsed.subject ?? "").includes(`[#${ticket.id}]`) && (m.parsed.text ?? "").includes("sorry about"),
      30_000,
    );
    expect(mail.parsed.text).toContain(`sorry about ticket #${ticket.id}`);
    expect(mail.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([["fix.txt", "apply patch 42"]]);

    await page.getByLabel("Internal note").check();
    await page.getByLabel("Internal note (staff only)").fill("Customer uses the old driver.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByText("Note added.").waitFor();
    await page.getByText("Customer uses the old driver.").waitFor();

    await page.getByLabel("Assignee").selectOption(String(colleague.id));
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Ticket updated.").waitFor();
    expect((await row(ticket.id)).assignedStaffId).toBe(colleague.id);

    await page.getByLabel("Add CC").fill("boss@example.test");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Remove boss@example.test" }).waitFor();
    expect((await db.select().from(ticketParticipants).where(eq(ticketParticipants.ticketId, ticket.id))).map((p) => p.email)).toEqual(["boss@example.test"]);
    await screenshot(page, "agent-ticket-worked");

    const thread = await getThread(ticket.id, { includeNotes: true });
    expect(thread.map((m) => [m.isNote, m.attachments.map((a) => a.filename)])).toEqual([
      [false, []],
      [false, ["fix.txt"]],
      [true, []],
    ]);
    expect((await row(ticket.id)).status).toBe(2);
  });

  it("warns before sending when someone else replied since the page was opened", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.goto(`/agent/tickets/${ticket.id}`);
    // The customer writes while the agent is typing.
    const { addCustomerReply } = await import("@/lib/tickets/replies");
    await addCustomerReply(ticket.id, customer.id, { message: "Actually it works now!", via: "portal", autoResponse: false });
    await page.getByLabel("Your reply").fill("Have you tried rebooting?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText(/new reply was added since you opened this ticket/).waitFor();
    expect((await db.select().from(messages).where(eq(messages.ticketId, ticket.id))).length).toBe(2);
    await page.getByRole("button", { name: "Send anyway" }).click();
    await page.getByText("Reply sent.").waitFor();
    expect((await db.select().from(messages).where(eq(messages.ticketId, ticket.id))).length).toBe(3);
  });

  it("bulk-closes selected tickets and merges one ticket into another", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const tag = unique("Bulk ");
    const first = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `${tag} one` });
    const second = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `${tag} two` });
    const survivor = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `${tag} survivor` });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.goto(`/agent?view=active&q=${encodeURIComponent(tag)}`);
    await page.getByLabel(`Select ticket ${first.id}`).check();
    await page.getByLabel(`Select ticket ${second.id}`).check();
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Close" }).click();
    await page.getByText("2 tickets updated.").waitFor();
    expect([(await row(first.id)).status, (await row(second.id)).status, (await row(survivor.id)).status]).toEqual([5, 5, 1]);
    await screenshot(page, "agent-queue-bulk-closed");

    await page.goto(`/agent/tickets/${first.id}`);
    await page.locator("summary", { hasText: "Merge" }).click();
    await page.getByLabel("Merge into ticket #").fill(String(survivor.id));
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await page.waitForURL(`**/agent/tickets/${survivor.id}`);
    expect((await row(first.id)).mergedIntoId).toBe(survivor.id);
    expect((await getThread(survivor.id, { includeNotes: false })).length).toBe(2);
  });

  it("an agent outside the department gets 404 and the ticket never shows in their counts", async () => {
    const department = await makeDepartment();
    const elsewhere = await makeDepartment();
    const outsider = await makeStaff({ departmentIds: [elsewhere.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const page = await newPage(browser);
    await signInStaff(page, outsider.username, outsider.password);
    const allTab = page.getByRole("link", { name: /^All \d+$/ });
    expect(await allTab.textContent()).toBe("All0");
    expect((await page.goto(`/agent/tickets/${ticket.id}`))?.status()).toBe(404);
    // Sent as the ticket page sends it (same origin); a cross-site post is refused earlier (403).
    const presence = await page.request.post(`/agent/tickets/${ticket.id}/presence`, { headers: { origin: new URL(baseUrl()).origin } });
    expect(presence.status()).toBe(404);
  });

  it("opens a ticket on behalf of a new customer", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const email = `${unique("phone")}@example.test`;
    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.getByRole("link", { name: "New ticket" }).click();
    await page.getByLabel("Customer email").fill(email);
    await page.getByLabel("Customer name (for a new customer)").fill("Phone Caller");
    await page.getByLabel("Department").selectOption(String(department.id));
    await page.getByLabel("Subject").fill("Called about the outage");
    await page.getByLabel("Message").fill("Customer called: the site is down for them.");
    await page.getByLabel(/Email the customer/).uncheck();
    await page.getByRole("button", { name: "Create ticket" }).click();
    await page.waitForURL(/\/agent\/tickets\/\d+$/);
    const id = Number(page.url().split("/").pop());
    const created = await row(id);
    expect(created).toMatchObject({ subject: "Called about the outage", source: "staff", departmentId: department.id });
  });
});
