import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { organizationDomains, organizations, users } from "@/db/schema";
import { launchBrowser, newPage, screenshot, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("agent dashboard", () => {
  it("shows the agent's open tickets by department and status, each figure opening the queue", async () => {
    const [mine, other] = await Promise.all([makeDepartment({ name: unique("Billing ") }), makeDepartment({ name: unique("Hidden ") })]);
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const subject = unique("Invoice question ");
    await makeTicket({ userId: customer.id, departmentId: mine.id, subject });
    await makeTicket({ userId: customer.id, departmentId: mine.id });
    await makeTicket({ userId: customer.id, departmentId: other.id });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.getByRole("navigation", { name: "Agent" }).getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL("**/agent/dashboard");
    // The agent's one department, and nothing of the other.
    await expect(page.getByRole("rowheader", { name: mine.name }).count()).resolves.toBe(1);
    await expect(page.getByText(other.name).count()).resolves.toBe(0);
    const cell = page.getByRole("link", { name: `${mine.name}, Open: 2` });
    expect(await cell.getAttribute("href")).toBe(`/agent?view=all&status=1&department=${mine.id}`);
    await expect(page.getByRole("link", { name: "Not closed: 2" }).count()).resolves.toBe(1);
    // The per-day section streams in after the first paint (Suspense): wait for it before counting.
    const perDay = page.getByRole("list", { name: "Tickets per day" });
    await perDay.waitFor();
    await expect(perDay.getByRole("listitem").count()).resolves.toBe(30);
    await screenshot(page, "agent-dashboard-1280");
    const narrow = await newPage(browser, { width: 390, height: 844 });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto("/agent/dashboard");
    await screenshot(narrow, "agent-dashboard-390");

    await cell.click();
    await page.waitForURL(`**/agent?view=all&status=1&department=${mine.id}`);
    await page.getByRole("link", { name: subject }).waitFor();
  });
});

describe("customers and organizations", () => {
  it("finds a customer, opens them, sees their tickets and blocks them", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const subject = unique("Login trouble ");
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, subject });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.goto("/agent/customers");
    await page.getByLabel("Search").fill(customer.email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=/);
    await expect(page.getByText("1 customer · page 1 of 1").count()).resolves.toBe(1);
    await screenshot(page, "agent-customers-1280");
    await page.getByRole("link", { name: customer.fullname }).click();
    await page.waitForURL(`**/agent/customers/${customer.id}`);
    expect(await page.getByRole("link", { name: subject }).getAttribute("href")).toBe(`/agent/tickets/${ticket.id}`);

    await page.getByRole("button", { name: "Block customer" }).click();
    await page.getByText("Customer blocked").waitFor();
    await page.getByRole("button", { name: "Unblock customer" }).waitFor();
    const [row] = await db.select({ blocked: users.blocked }).from(users).where(eq(users.id, customer.id));
    expect(row?.blocked).toBe(true);
    // Agents are not offered deletion; that is for admins.
    await expect(page.getByRole("button", { name: /Delete customer/ }).count()).resolves.toBe(0);
    await screenshot(page, "agent-customer-blocked-1280");
    const narrow = await newPage(browser, { width: 390, height: 844 });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto(`/agent/customers/${customer.id}`);
    await screenshot(narrow, "agent-customer-390");
    await narrow.goto("/agent/customers");
    await screenshot(narrow, "agent-customers-390");
  });

  it("an admin deletes a customer with their tickets after typing the email", async () => {
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    await makeTicket({ userId: customer.id, departmentId: (await makeDepartment()).id });
    const page = await newPage(browser);
    await signInStaff(page, admin.username, admin.password);
    await page.goto(`/agent/customers/${customer.id}`);
    await page.getByRole("button", { name: "Delete customer…" }).click();
    const confirm = page.getByRole("button", { name: "Delete customer and tickets" });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel(`Type ${customer.email} to confirm`).fill(customer.email);
    await confirm.click();
    await page.waitForURL("**/agent/customers?deleted=1");
    await page.getByText("The customer and their tickets were deleted.").waitFor();
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, customer.id))).toHaveLength(0);
  });

  it("creates an organization with an email domain and sharing on", async () => {
    const agent = await makeStaff();
    const name = unique("Globex ");
    const domain = `${unique("globex")}.example`;
    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.getByRole("navigation", { name: "Agent" }).getByRole("link", { name: "Organizations" }).click();
    await page.getByRole("link", { name: "New organization" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email domains").fill(`@${domain}`);
    await page.getByLabel(/Members see each other/).check();
    await screenshot(page, "agent-organization-new-1280");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.waitForURL(/\/agent\/organizations\/\d+\?created=1/);
    await page.getByText("Organization created.").waitFor();
    const [organization] = await db.select().from(organizations).where(eq(organizations.name, name));
    expect(organization?.sharesTickets).toBe(true);
    const domains = await db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organization!.id));
    expect(domains.map((d) => d.domain)).toEqual([domain]);

    // A domain already claimed is refused with its owner's name.
    await page.goto("/agent/organizations/new");
    await page.getByLabel("Name").fill(unique("Copycat "));
    await page.getByLabel("Email domains").fill(domain);
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByText(`${domain} already belongs to ${name}.`).first().waitFor();

    await page.goto("/agent/organizations");
    await page.getByRole("link", { name }).waitFor();
    await screenshot(page, "agent-organizations-1280");
    const narrow = await newPage(browser, { width: 390, height: 844 });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto(`/agent/organizations/${organization!.id}`);
    await screenshot(narrow, "agent-organization-390");
  });
});
