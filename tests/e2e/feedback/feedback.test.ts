import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailTemplates, outbox } from "@/db/schema";
import { setFeedbackStatus, setFeedbackVote, submitFeedback } from "@/lib/feedback/manage";
import { resetTemplate } from "@/lib/mail/template-admin";
import { resetSettings, saveSettings } from "@/lib/settings";
import { launchBrowser, newPage, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, unique } from "../../support/factories";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../../support/smtp-sink";
import { linkIn, shootBoth, signInCustomer, startMailPump, useSinkAsDefaultAddress } from "../portal/support";

const SMTP_PORT = 2687;
let browser: Browser;
let sink: SmtpSink;
let stopPump: (() => Promise<void>) | undefined;
let department: { id: number; name: string };

beforeAll(async () => {
  sink = await startSmtpSink(SMTP_PORT);
  department = await makeDepartment({ name: unique("Product ") });
  const address = await useSinkAsDefaultAddress(SMTP_PORT, department.id);
  stopPump = startMailPump(address.id);
  await saveSettings({ feedbackEnabled: true, feedbackGuestsCanRead: true, feedbackRequiresApproval: false });
  browser = await launchBrowser();
});

afterAll(async () => {
  await resetSettings(["feedbackEnabled", "feedbackGuestsCanRead", "feedbackRequiresApproval"]);
  await resetTemplate("feedback_status");
  await stopPump?.();
  await browser?.close();
  await sink?.stop();
});

const statusMail = (to: string, status: string) => (mail: ReceivedMail) => mail.envelope.to.includes(to) && (mail.parsed.subject ?? "").endsWith(`: ${status}`);
const idFromUrl = (page: Page) => Number(/\/feedback\/(\d+)/.exec(page.url())![1]);

describe("feedback", () => {
  it("A submits, B votes, an agent merges a duplicate and sets the status: A and B are emailed; the unsubscribe link stops B's mail", async () => {
    const [alice, bob, carol] = await Promise.all([makeCustomer(), makeCustomer(), makeCustomer()]);
    const agent = await makeStaff({ role: "agent" });
    const word = unique("darkmode").toLowerCase();
    const title = `Dark ${word} theme for the portal`;
    const categoryName = unique("Portal ideas ");

    // The agent adds a category customers can file under.
    const desk = await newPage(browser);
    await signInStaff(desk, agent.username, agent.password);
    await desk.getByRole("navigation", { name: "Agent" }).getByRole("link", { name: "Feedback" }).click();
    await desk.waitForURL("**/agent/feedback");
    await desk.getByRole("link", { name: "Categories" }).click();
    await desk.getByRole("link", { name: "New category" }).click();
    await desk.getByLabel("Name").fill(categoryName);
    await desk.getByRole("button", { name: "Save category" }).click();
    await desk.waitForURL("**/agent/feedback/categories");
    await desk.getByRole("link", { name: categoryName }).waitFor();

    // Customer A submits an idea through the form (checked on the client first).
    const a = await newPage(browser);
    await signInCustomer(a, alice.email, alice.password);
    await a.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Feedback" }).click();
    await a.waitForURL("**/feedback");
    await a.getByRole("link", { name: "Share an idea" }).click();
    await a.waitForURL("**/feedback/new");
    await a.getByRole("button", { name: "Submit" }).click();
    await a.getByText("Give it a title of at least 5 characters.").waitFor();
    await a.getByLabel("Title").fill(title);
    await a.getByLabel("Description").fill(`A ${word} colour scheme would be easier on the eyes at night.\nEspecially on phones.`);
    await a.getByLabel("Category").selectOption({ label: categoryName });
    await shootBoth(a, "feedback-portal-submit");
    await a.getByRole("button", { name: "Submit" }).click();
    await a.waitForURL(/\/feedback\/\d+\?submitted=1/);
    await a.getByText("Thanks! Your idea is posted and has your vote.").waitFor();
    const itemId = idFromUrl(a);

    // Carol posted the same idea earlier (the duplicate the agent will merge).
    const duplicate = await submitFeedback(carol.actor, { kind: "suggestion", title: `Night ${word} mode please`, description: "Please add a dark mode.", categoryId: null });

    // Customer B finds it by searching, votes once (the vote sticks), and comments.
    const b = await newPage(browser);
    await signInCustomer(b, bob.email, bob.password);
    await b.goto(`/feedback?q=${word}`);
    const results = b.getByRole("list", { name: "Feedback" });
    await results.getByRole("link", { name: title }).waitFor();
    await results.getByRole("link", { name: `Night ${word} mode please` }).waitFor();
    expect(await results.locator("mark", { hasText: word }).count()).toBeGreaterThan(0);
    await shootBoth(b, "feedback-portal-list");
    await results.getByRole("link", { name: title }).click();
    await b.waitForURL(`**/feedback/${itemId}`);
    await b.getByRole("button", { name: "Vote for this (1 votes)" }).click();
    await b.getByRole("button", { name: "Remove your vote (2 votes)" }).waitFor();
    await b.reload();
    await b.getByRole("button", { name: "Remove your vote (2 votes)" }).waitFor();
    await b.getByLabel("Add a comment").fill("Yes please, my eyes hurt.");
    await b.getByRole("button", { name: "Post comment" }).click();
    await b.getByText("Your comment is posted.").waitFor();
    await b.getByText("Yes please, my eyes hurt.").waitFor();

    // The agent merges the duplicate into it and sets a status with a public note.
    await desk.goto("/agent/feedback");
    await desk.getByRole("link", { name: `Night ${word} mode please` }).click();
    await desk.waitForURL(`**/agent/feedback/${duplicate.id}`);
    await desk.getByLabel("Merge this item into #").fill(`#${itemId}`);
    await desk.getByRole("button", { name: "Merge" }).click();
    await desk.waitForURL(`**/agent/feedback/${itemId}?merged=${duplicate.id}`);
    await desk.getByText(`#${duplicate.id} is merged into this item`).waitFor();
    await desk.getByRole("heading", { name: "Voters (3)" }).waitFor();
    await desk.getByLabel("Status").selectOption("planned");
    await desk.getByLabel("Public note (optional)").fill(`Planned for the spring release (${word}).`);
    await desk.getByRole("button", { name: "Save status" }).click();
    await desk.getByText("Status saved. 3 people are emailed.").waitFor();
    await shootBoth(desk, "feedback-agent-item");

    // Both A and B (and Carol, whose duplicate's vote moved) get the email on the real SMTP server.
    const [toAlice, toBob] = await Promise.all([sink.waitFor(statusMail(alice.email, "Planned"), 20_000), sink.waitFor(statusMail(bob.email, "Planned"), 20_000)]);
    await sink.waitFor(statusMail(carol.email, "Planned"), 20_000);
    for (const mail of [toAlice, toBob]) {
      expect(mail.parsed.subject).toBe(`${title}: Planned`);
      expect(mail.parsed.text).toContain(`Planned for the spring release (${word}).`);
      expect(mail.parsed.text).toContain(`/feedback/${itemId}`);
      expect(mail.raw.toString()).toMatch(/^List-Unsubscribe:\s+<http:\/\/\S+\/feedback\/unsubscribe\/[\w.-]+>/m);
    }

    // The duplicate's address redirects to the survivor, which shows the status, the note and the merge.
    const guest = await newPage(browser);
    await guest.goto(`/feedback/${duplicate.id}`);
    await guest.waitForURL(`**/feedback/${itemId}?merged=${duplicate.id}`);
    await guest.getByText(`“Night ${word} mode please” (#${duplicate.id}) was merged into this item`).waitFor();
    await guest.getByText(`Planned for the spring release (${word}).`).waitFor();
    await guest.getByRole("link", { name: "Sign in to vote (3 votes)" }).waitFor();
    await shootBoth(guest, "feedback-portal-item");

    // B unsubscribes from the link in the email, without signing in.
    const unsubscribe = linkIn(toBob, /\/feedback\/unsubscribe\/[\w.-]+/);
    const outsider = await newPage(browser);
    await outsider.goto(unsubscribe);
    await outsider.getByRole("button", { name: "Unsubscribe" }).click();
    await outsider.getByText("You will no longer receive emails about feedback status changes.").waitFor();
    await shootBoth(outsider, "feedback-unsubscribe");
    await b.goto("/account/profile");
    expect(await b.getByLabel("Email me when feedback I posted or voted for changes status").isChecked()).toBe(false);

    // The next status change reaches A, not B.
    await desk.getByLabel("Status").selectOption("in_progress");
    await desk.getByRole("button", { name: "Save status" }).click();
    await desk.getByText("Status saved. 2 people are emailed.").waitFor();
    await sink.waitFor(statusMail(alice.email, "In progress"), 20_000);
    const queuedForBob = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.event, "feedback_status"), eq(outbox.toAddress, bob.email)));
    expect(queuedForBob).toHaveLength(1);
    expect(sink.messages().filter((m) => m.envelope.to.includes(bob.email))).toHaveLength(1);

    await desk.goto("/agent/feedback");
    await shootBoth(desk, "feedback-agent-list");
    for (const page of [desk, a, b, guest, outsider]) await page.context().close();
  });

  it("an admin edits the status email and turns an idea into a ticket for its author", async () => {
    const admin = await makeStaff({ role: "admin" });
    const [author, voter] = await Promise.all([makeCustomer(), makeCustomer()]);
    const title = unique("Export to CSV ");
    const item = await submitFeedback(author.actor, { kind: "suggestion", title, description: "Let me export my tickets as CSV.", categoryId: null });
    await setFeedbackVote(voter.actor, item.id, true);

    const desk = await newPage(browser);
    await signInStaff(desk, admin.username, admin.password);
    await desk.goto("/admin/templates/feedback_status");
    await desk.getByRole("heading", { name: "Feedback status changed" }).waitFor();
    // The form must be hydrated before the click, or the browser would submit it natively.
    await desk.waitForLoadState("networkidle");
    await desk.getByLabel("Subject").fill("Update on {{feedback.title}}: {{feedback.status}}");
    await desk.getByRole("button", { name: "Save", exact: true }).click();
    // The saved template remounts the form (it is keyed by its text), which can swallow the "saved"
    // message: wait for the stored row instead.
    await expect
      .poll(async () => (await db.select({ subject: emailTemplates.subject }).from(emailTemplates).where(eq(emailTemplates.event, "feedback_status")))[0]?.subject, { timeout: 20_000 })
      .toBe("Update on {{feedback.title}}: {{feedback.status}}");
    await setFeedbackStatus(admin.actor, item.id, "under_review", "");
    const mail = await sink.waitFor((m) => m.envelope.to.includes(voter.email) && (m.parsed.subject ?? "").includes(title), 20_000);
    expect(mail.parsed.subject).toBe(`Update on ${title}: Under review`);

    await desk.goto(`/agent/feedback/${item.id}`);
    await desk.getByLabel("Open a ticket for the author in").selectOption({ label: department.name });
    await desk.getByRole("button", { name: "Turn into a ticket" }).click();
    // The ticket card now shows the linked ticket instead of the forms.
    const link = desk.getByRole("link", { name: new RegExp(`^#\\d+ ${title}$`) });
    const ticketId = Number(/#(\d+)/.exec((await link.textContent())!)![1]);
    await link.click();
    await desk.waitForURL(`**/agent/tickets/${ticketId}`);
    await desk.getByText(author.email).first().waitFor();
    await desk.context().close();
  });

  it("the admin settings: approval holds new ideas until an agent approves them; guests can be kept out; off is 404 for everyone", async () => {
    const admin = await makeStaff({ role: "admin" });
    const desk = await newPage(browser);
    await signInStaff(desk, admin.username, admin.password);
    await desk.goto("/admin/settings/feedback");
    await desk.waitForLoadState("networkidle");

    // With approval on, a new idea waits: its author sees it, others do not, until an agent approves it.
    await desk.getByLabel("New items wait for an agent's approval").check();
    await desk.getByRole("button", { name: "Save" }).click();
    await desk.getByText("Settings saved.").waitFor();
    const [author, other] = await Promise.all([makeCustomer(), makeCustomer()]);
    const title = unique("Keyboard shortcuts ");
    const mine = await newPage(browser);
    await signInCustomer(mine, author.email, author.password);
    await mine.goto("/feedback/new");
    await mine.getByLabel("Title").fill(title);
    await mine.getByLabel("Description").fill("J and K to move between tickets.");
    await mine.getByRole("button", { name: "Submit" }).click();
    await mine.getByText("Thanks! Our team will review your idea before others can see it.").waitFor();
    const pendingPath = new URL(mine.url()).pathname;
    const theirs = await newPage(browser);
    await signInCustomer(theirs, other.email, other.password);
    expect((await theirs.goto(pendingPath))?.status()).toBe(404);
    await desk.goto("/agent/feedback?visibility=pending");
    await desk.getByRole("navigation", { name: "Agent" }).getByText("awaiting approval").waitFor();
    await desk.getByRole("button", { name: `Approve ${title}` }).click();
    await desk.getByRole("button", { name: `Approve ${title}` }).waitFor({ state: "detached" });
    expect((await theirs.goto(pendingPath))?.status()).toBe(200);
    await theirs.getByRole("button", { name: "Vote for this (1 votes)" }).waitFor();
    await desk.goto("/admin/settings/feedback");
    await desk.waitForLoadState("networkidle");
    await desk.getByLabel("New items wait for an agent's approval").uncheck();
    await desk.getByLabel("Visitors who are not signed in may read it").uncheck();
    await desk.getByRole("button", { name: "Save" }).click();
    await desk.getByText("Settings saved.").waitFor();
    await shootBoth(desk, "feedback-admin-settings");

    const guest = await newPage(browser);
    await guest.goto("/feedback");
    await guest.waitForURL(/\/login\?next=%2Ffeedback/);
    expect(await guest.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Feedback" }).count()).toBe(0);

    await desk.getByLabel("Feedback on the portal").uncheck();
    await desk.getByRole("button", { name: "Save" }).click();
    await desk.getByText("Settings saved.").waitFor();
    const customer = await makeCustomer();
    const page = await newPage(browser);
    await signInCustomer(page, customer.email, customer.password);
    expect(await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Feedback" }).count()).toBe(0);
    expect((await page.goto("/feedback"))?.status()).toBe(404);
    expect((await page.goto("/feedback/new"))?.status()).toBe(404);
    for (const p of [desk, guest, page, mine, theirs]) await p.context().close();
  });
});
