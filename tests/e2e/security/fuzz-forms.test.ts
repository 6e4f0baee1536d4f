// Hostile values typed into the portal's and the agent's forms in Chromium: SQL metacharacters, 100,000
// characters, unicode (RTL, emoji, zero-width), markup. Each submit ends in a field message or success,
// never an error page or a stack trace, and a refused value stays in its field. The main GET pages get
// hostile query strings too: never a 5xx.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages, tickets, users } from "@/db/schema";
import { launchBrowser, baseUrl } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";
import { leakPatterns } from "../../support/hostile";
import { request, signInOverHttp } from "../../support/http";

const sqlText = "' OR 1=1 --";
const dropText = '"; DROP TABLE tickets; --';
const unicodeText = "Zoë \u202eRTL\u202c مرحبا 👩‍💻 a\u200bb";
const scriptText = "<script>alert('xss')</script>";
const longText = "x".repeat(100_001);

let browser: Browser;
let department: { id: number; name: string };
/** Server errors seen by any page of this file: a 5xx is a failure whatever the page shows. */
const serverErrors: string[] = [];
/** Each browser context gets its own documentation-range address (trusted from loopback), so failed
 * sign-ins and opened tickets count against this file's address, not against the other test files'. */
let addressCounter = 0;
const runOctet = 1 + Math.floor(Math.random() * 200);

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { "X-Forwarded-For": `198.51.${runOctet}.${++addressCounter}` },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return page;
}

/** The page shows no error page, no generic failure and no stack or SQL fragment. */
async function expectNoErrorPage(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/Application error|Internal Server Error|Something went wrong|This page couldn.t load/i);
  for (const pattern of leakPatterns) expect(text).not.toMatch(pattern);
  expect(serverErrors).toEqual([]);
}

/** A refused value: the field's message shows, the field keeps what was typed. */
async function expectFieldError(page: Page, label: string, message: string | RegExp, typed: string) {
  await page.getByText(message).first().waitFor();
  expect(await page.getByLabel(label, { exact: true }).inputValue()).toBe(typed);
  await expectNoErrorPage(page);
}

beforeAll(async () => {
  browser = await launchBrowser();
  department = await makeDepartment({ name: unique("Fuzz forms ") });
});

afterAll(async () => {
  await browser?.close();
});

describe("portal forms under hostile input", () => {
  it("open a ticket: metacharacters, unicode and markup are stored as typed; too long and bad emails get field messages", async () => {
    const page = await freshPage();
    const fill = async (values: Record<string, string>) => {
      await page.goto("/open");
      await page.getByLabel("Department").selectOption(String(department.id));
      for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole("button", { name: "Open ticket" }).click();
    };
    const email = uniqueEmail("fuzzform");
    const subject = `${sqlText} ${unicodeText} ${unique()}`;
    await fill({ "Your name": `${scriptText} ${unicodeText}`, "Email address": email, Subject: subject, Message: `${dropText}\n${scriptText}` });
    await page.waitForURL("**/open/submitted**");
    await expectNoErrorPage(page);
    const [stored] = await db.select({ id: tickets.id, subject: tickets.subject }).from(tickets).where(eq(tickets.subject, subject));
    expect(stored).toBeDefined();
    const [body] = await db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, stored!.id));
    // A textarea travels in multipart form data, whose line breaks are CRLF.
    expect(body!.body.replace(/\r\n/g, "\n")).toBe(`${dropText}\n${scriptText}`);
    const [person] = await db.select({ fullname: users.fullname }).from(users).where(eq(users.email, email));
    expect(person!.fullname).toBe(`${scriptText} ${unicodeText}`);

    await fill({ "Your name": "Fuzz", "Email address": uniqueEmail("fuzzform"), Subject: longText, Message: "Hello" });
    await expectFieldError(page, "Subject", "Use at most 255 characters.", longText);
    await fill({ "Your name": "Fuzz", "Email address": `${sqlText}@example.test`, Subject: "Hello", Message: "Hello" });
    await expectFieldError(page, "Email address", "Enter a valid email address.", `${sqlText}@example.test`);
    await fill({ "Your name": "Fuzz", "Email address": uniqueEmail("fuzzform"), Subject: "Hello", Message: longText });
    await expectFieldError(page, "Message", "The message is too long.", longText);
  });

  it("sign-in forms: hostile logins and passwords are refused with a message, never an error", async () => {
    const customer = await makeCustomer();
    const page = await freshPage();
    for (const [email, password] of [
      [customer.email, sqlText],
      [customer.email, dropText],
      [customer.email, unicodeText],
    ] as const) {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("The sign-in details are not correct.").waitFor();
      expect(await page.getByLabel("Email address").inputValue()).toBe(email);
      await expectNoErrorPage(page);
    }
    await page.goto("/login");
    await page.getByLabel("Email address").fill(sqlText);
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectFieldError(page, "Email address", "Enter a valid email address.", sqlText);

    const staffPage = await freshPage();
    for (const login of ["admin' --", `${dropText}`, unicodeText, scriptText]) {
      await staffPage.goto("/agent/login");
      await staffPage.getByLabel("Username or email").fill(login);
      await staffPage.getByLabel("Password").fill(sqlText);
      await staffPage.getByRole("button", { name: "Sign in" }).click();
      await staffPage.getByText(/The sign-in details are not correct\.|Too many sign-in attempts/).waitFor();
      expect(await staffPage.getByLabel("Username or email").inputValue()).toBe(login);
      await expectNoErrorPage(staffPage);
    }
    await staffPage.goto("/agent/login");
    await staffPage.getByLabel("Username or email").fill(longText);
    await staffPage.getByLabel("Password").fill("whatever");
    await staffPage.getByRole("button", { name: "Sign in" }).click();
    await staffPage.locator("#login[aria-invalid=true]").waitFor();
    expect(await staffPage.getByLabel("Username or email").inputValue()).toBe(longText);
    await expectNoErrorPage(staffPage);
  });

  it("registration and forgot-password: hostile names are kept as typed, hostile emails get field messages", async () => {
    const page = await freshPage();
    const register = async (fullname: string, email: string) => {
      await page.goto("/register");
      await page.getByLabel("Your name").fill(fullname);
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("a long enough password");
      await page.getByLabel("Repeat the password").fill("a long enough password");
      await page.getByRole("button", { name: /Create/ }).click();
    };
    await register("Fuzz", `${dropText}@example.test`);
    await expectFieldError(page, "Email address", "Enter a valid email address.", `${dropText}@example.test`);
    await register(longText, uniqueEmail("fuzzreg"));
    await expectFieldError(page, "Your name", "Use at most 200 characters.", longText);
    const email = uniqueEmail("fuzzreg");
    const fullname = `${sqlText} ${unicodeText} ${scriptText}`;
    await register(fullname, email);
    await page.waitForURL(/\/(account\/tickets|login)/);
    await expectNoErrorPage(page);
    const [person] = await db.select({ fullname: users.fullname }).from(users).where(eq(users.email, email));
    expect(person?.fullname).toBe(fullname);

    const forgot = await freshPage();
    for (const email of [sqlText, `${unicodeText}@example.test`, longText]) {
      await forgot.goto("/forgot-password");
      await forgot.getByLabel("Email address").fill(email);
      await forgot.getByRole("button", { name: "Send me a link" }).click();
      await expectFieldError(forgot, "Email address", /Enter a valid email address\.|Too big/, email);
    }
    await forgot.getByLabel("Email address").fill(`o'reilly+${unique()}@example.test`);
    await forgot.getByRole("button", { name: "Send me a link" }).click();
    await forgot.getByText("If an account uses this address").waitFor();
    await expectNoErrorPage(forgot);
  });

  it("public link email confirmation and the customer profile: field messages or success, input kept", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const [row] = await db.select({ token: tickets.publicToken }).from(tickets).where(eq(tickets.id, ticket.id));
    const page = await freshPage();
    for (const email of [sqlText, longText, `${scriptText}@example.test`]) {
      await page.goto(`/t/${row!.token}`);
      await page.getByLabel("Your email address").fill(email);
      await page.getByRole("button", { name: "Continue" }).click();
      await expectFieldError(page, "Your email address", /Enter a valid email address\.|Too big/, email);
    }
    // Well-formed but not on the ticket: the link's own refusal.
    const stranger = `o'brien+${unique()}@example.test`;
    await page.getByLabel("Your email address").fill(stranger);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("This email address is not on this ticket").waitFor();
    expect(await page.getByLabel("Your email address").inputValue()).toBe(stranger);
    await expectNoErrorPage(page);

    const profile = await freshPage();
    await profile.goto("/login");
    await profile.getByLabel("Email address").fill(customer.email);
    await profile.getByLabel("Password").fill(customer.password);
    await profile.getByRole("button", { name: "Sign in" }).click();
    await profile.waitForURL("**/account/tickets");
    await profile.goto("/account/profile");
    // Hydrated first: a fill that lands before hydration was kept beside the server-rendered name.
    await profile.waitForLoadState("networkidle");
    await profile.getByLabel("Name", { exact: true }).fill(longText);
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expectFieldError(profile, "Name", "Use at most 200 characters.", longText);
    const name = `${dropText} ${unicodeText} ${scriptText}`;
    await profile.getByLabel("Name", { exact: true }).fill(name);
    await profile.getByRole("button", { name: "Save profile" }).click();
    await profile.getByText("Your profile is saved.").waitFor();
    await expectNoErrorPage(profile);
    const [saved] = await db.select({ fullname: users.fullname }).from(users).where(eq(users.id, customer.id));
    expect(saved!.fullname).toBe(name);
  });
});

describe("agent reply form under hostile input", () => {
  it("sends metacharacters and markup as text, and refuses 100,001 characters with the text kept", async () => {
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const page = await freshPage();
    await page.goto("/agent/login");
    await page.getByLabel("Username or email").fill(agent.username);
    await page.getByLabel("Password").fill(agent.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/agent");
    await page.goto(`/agent/tickets/${ticket.id}`);

    await page.getByLabel("Your reply").fill(longText);
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("The message is too long.").waitFor();
    expect(await page.getByLabel("Your reply").inputValue()).toBe(longText);
    await expectNoErrorPage(page);

    const reply = `${dropText} ${sqlText} ${unicodeText} ${scriptText}`;
    await page.getByLabel("Your reply").fill(reply);
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText(reply).first().waitFor();
    await expectNoErrorPage(page);
    const thread = await db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticket.id));
    expect(thread.map((m) => m.body)).toContain(reply);
  });
});

describe("GET pages with hostile query strings", () => {
  it("never answer 5xx or show a stack, for the queue, the help center search and the customer's tickets", async () => {
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const staffSession = await signInOverHttp("staff", { login: agent.username, password: agent.password });
    const customerSession = await signInOverHttp("customer", { email: customer.email, password: customer.password });
    const hostile = [
      "abc",
      "-1",
      "99999999999999999999",
      "1.5",
      ";drop",
      "' OR 1=1 --",
      "%",
      "_",
      "\\",
      "%00",
      "%FF%FE",
      "%ED%A0%80",
      "%E2%80%AE%F0%9F%94%A5",
      "x".repeat(8000),
      "<script>alert(1)</script>",
    ];
    const enc = (value: string) => (/%[0-9A-F]{2}/.test(value) ? value : encodeURIComponent(value));
    const pages: [string, string[], typeof staffSession | null][] = [
      ["/agent", ["view", "status", "page", "sort", "dir", "q", "department", "createdFrom"], staffSession],
      ["/kb/search", ["q", "page", "category"], null],
      ["/kb", ["q"], null],
      ["/account/tickets", ["status", "page", "q", "sort", "dir"], customerSession],
      ["/agent/customers", ["q", "page", "sort"], staffSession],
    ];
    const problems: string[] = [];
    for (const [path, params, session] of pages) {
      const urls = [
        `${path}?status=abc&page=-1&sort=;drop`,
        ...params.flatMap((param) => hostile.map((value) => `${path}?${param}=${enc(value)}`)),
        `${path}?${params.map((p) => `${p}=1&${p}=${enc("' OR 1=1 --")}`).join("&")}`,
      ];
      for (const url of urls) {
        const response = await request(url, session);
        const text = await response.text();
        if (response.status >= 500) problems.push(`${response.status} ${url.slice(0, 120)}`);
        else if (leakPatterns.some((p) => p.test(text))) problems.push(`leak at ${url.slice(0, 120)}`);
      }
    }
    // Hostile ids and tokens in the dynamic segments of the same doors.
    const segments = ["abc", "-1", "99999999999999999999", "1.5", "%FF", "%ED%A0%80", enc("' OR 1=1 --"), enc("<script>")];
    for (const [prefix, session] of [
      ["/t/", null],
      ["/agent/tickets/", staffSession],
      ["/agent/customers/", staffSession],
      ["/account/tickets/", customerSession],
      ["/kb/articles/", null],
      ["/kb/categories/", null],
    ] as const) {
      for (const segment of segments) {
        const response = await request(`${prefix}${segment}`, session);
        const text = await response.text();
        if (response.status >= 500) problems.push(`${response.status} ${prefix}${segment}`);
        else if (leakPatterns.some((p) => p.test(text))) problems.push(`leak at ${prefix}${segment}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
