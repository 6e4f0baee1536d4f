import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, tickets, users } from "@/db/schema";
import { getThread } from "@/lib/tickets/queries";
import { createTicket } from "@/lib/tickets/create";
import { launchBrowser, newPage, screenshot, signInCustomer, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("portal to agent, end to end", () => {
  it("a guest opens a ticket with an attachment; it appears in the agent queue and the agent replies", async () => {
    const department = await makeDepartment({ name: unique("Support ") });
    const agent = await makeStaff({ departmentIds: [department.id] });
    const email = uniqueEmail("guest");
    const subject = unique("Broken export ");

    const guest = await newPage(browser);
    await guest.goto("/open");
    await guest.getByLabel("Department").selectOption(String(department.id));
    await guest.getByLabel("Your name").fill("Grace Guest");
    await guest.getByLabel("Email address").fill(email);
    await guest.getByLabel("Subject").fill(subject);
    await guest.getByLabel("Message").fill("The CSV export stops at 1000 rows.");
    await guest.getByLabel("Attachments (optional)").setInputFiles({ name: "rows.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
    await guest.getByRole("button", { name: "Open ticket" }).click();
    await guest.waitForURL("**/open/submitted?ticket=*");
    const number = Number(new URL(guest.url()).searchParams.get("ticket"));
    await expect(guest.getByText(`#${number}`).textContent()).resolves.toContain(String(number));
    await screenshot(guest, "portal-ticket-submitted");

    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, number));
    expect(ticket?.subject).toBe(subject);
    const [user] = await db.select().from(users).where(eq(users.id, ticket!.userId));
    expect(user?.email).toBe(email);
    const files = await db.select().from(attachments).where(eq(attachments.ticketId, number));
    expect(files.map((f) => [f.filename, f.size])).toEqual([["rows.csv", 8]]);

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.getByRole("link", { name: subject }).waitFor();
    await page.getByRole("link", { name: subject }).click();
    await page.waitForURL(`**/agent/tickets/${number}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /rows\.csv/ }).click();
    expect((await download).suggestedFilename()).toBe("rows.csv");
    await page.getByLabel("Your reply").fill("Fixed in version 2.1, please update.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Reply sent.").waitFor();
    await screenshot(page, "agent-ticket-replied");

    const thread = await getThread(number, { includeNotes: false });
    expect(thread.map((m) => m.body)).toEqual(["The CSV export stops at 1000 rows.", "Fixed in version 2.1, please update."]);
    const [after] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, number));
    expect(after?.status).toBe(2);
  });

  it("shows a message under every field of an empty form, and keeps what was typed", async () => {
    const page = await newPage(browser);
    await page.goto("/open");
    await page.getByLabel("Subject").fill("Only a subject");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.getByText("Choose a department.").waitFor();
    for (const message of ["Enter your name.", "Enter a valid email address.", "Write a message."]) {
      expect(await page.getByText(message).count()).toBe(1);
    }
    expect(await page.getByLabel("Subject").inputValue()).toBe("Only a subject");
    await screenshot(page, "portal-open-errors");
  });

  it("refuses an attachment type the admin did not allow, with the file's name, and loses nothing typed", async () => {
    const department = await makeDepartment();
    const page = await newPage(browser);
    await page.goto("/open");
    await page.getByLabel("Department").selectOption(String(department.id));
    await page.getByLabel("Your name").fill("Eve");
    await page.getByLabel("Email address").fill(uniqueEmail());
    await page.getByLabel("Subject").fill("Has an exe");
    await page.getByLabel("Message").fill("See attached");
    await page.getByLabel("Attachments (optional)").setInputFiles({ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.getByText(/tool\.exe: this file type is not accepted/).first().waitFor();
    expect(await page.getByLabel("Message").inputValue()).toBe("See attached");
  });
});

describe("customers see only their own tickets", () => {
  it("a signed-in customer lists and opens their tickets; another customer's ticket and attachment are 404", async () => {
    const department = await makeDepartment();
    const alice = await makeCustomer();
    const bob = await makeCustomer();
    const own = await makeTicket({ userId: alice.id, departmentId: department.id, subject: unique("Alice's ") });
    const foreign = await createTicket({
      requester: { userId: bob.id },
      departmentId: department.id,
      subject: unique("Bob's secret "),
      message: "private",
      files: [{ filename: "secret.txt", contentType: "text/plain", data: Buffer.from("secret") }],
      source: "api",
      openedBy: { type: "api" },
      notify: false,
    });
    const [foreignFile] = await db.select().from(attachments).where(eq(attachments.ticketId, foreign.id));

    const page = await newPage(browser);
    await signInCustomer(page, alice.email, alice.password);
    expect(await page.getByRole("link", { name: /Alice's/ }).count()).toBe(1);
    expect(await page.getByText(/Bob's secret/).count()).toBe(0);
    await screenshot(page, "portal-my-tickets");

    await page.getByRole("link", { name: /Alice's/ }).click();
    await page.waitForURL(`**/account/tickets/${own.id}`);
    await page.getByLabel("Your reply").fill("Any news?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was sent.").waitFor();
    await page.getByRole("list", { name: "Conversation" }).getByText("Any news?").waitFor();

    expect((await page.goto(`/account/tickets/${foreign.id}`))?.status()).toBe(404);
    expect((await page.goto(`/attachments/${foreignFile!.id}`))?.status()).toBe(404);
  });

  it("refuses a wrong password with a clear message", async () => {
    const customer = await makeCustomer();
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByLabel("Email address").fill(customer.email);
    await page.getByLabel("Password").fill("not my password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The sign-in details are not correct.").waitFor();
    expect(page.url()).toContain("/login");
  });

  it("sends signed-out visitors of private pages to sign in", async () => {
    const page = await newPage(browser);
    await page.goto("/account/tickets");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.goto("/agent");
    expect(new URL(page.url()).pathname).toBe("/agent/login");
  });
});

describe("agents stay in their departments", () => {
  it("an agent gets 404 for a ticket of another department and for the admin area", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const hidden = await makeTicket({ userId: customer.id, departmentId: other.id, subject: unique("Hidden ") });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    expect(await page.getByText(/Hidden /).count()).toBe(0);
    expect((await page.goto(`/agent/tickets/${hidden.id}`))?.status()).toBe(404);
    expect((await page.goto("/admin"))?.status()).toBe(404);
    expect((await page.goto("/setup"))?.status()).toBe(404);
  });
});

describe("pages look right at desktop and phone widths", () => {
  it("renders each foundation page without errors", async () => {
    const department = await makeDepartment();
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    for (const width of [1280, 390]) {
      const page = await newPage(browser, { width, height: 844 });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      for (const [name, path] of [
        ["home", "/"],
        ["open", "/open"],
        ["login", "/login"],
        ["agent-login", "/agent/login"],
      ] as const) {
        expect((await page.goto(path))?.status()).toBe(200);
        await screenshot(page, `${name}-${width}`);
      }
      await signInStaff(page, admin.username, admin.password);
      await screenshot(page, `agent-queue-${width}`);
      await page.goto(`/agent/tickets/${ticket.id}`);
      await screenshot(page, `agent-ticket-${width}`);
      expect(errors).toEqual([]);
    }
  });
});
