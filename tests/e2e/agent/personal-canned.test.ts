// Personal canned responses: an agent writes one from the profile, uses it in a reply; colleagues never
// see it, and its page is 404 for them.
import { and, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { cannedResponses } from "@/db/schema";
import { launchBrowser, newPage, screenshot, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { request, signInOverHttp } from "../../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("personal canned responses", () => {
  it("an agent writes one, inserts it in a reply, and a colleague neither sees nor opens it", async () => {
    const department = await makeDepartment();
    const [agent, colleague] = await Promise.all([makeStaff({ departmentIds: [department.id] }), makeStaff({ departmentIds: [department.id] })]);
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const title = unique("My follow-up ");

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.goto("/agent/profile");
    await page.getByRole("link", { name: "Manage your canned responses" }).click();
    await page.waitForURL("**/agent/canned");
    await page.getByRole("link", { name: "New canned response" }).click();
    // The form keeps what was typed and names the missing field.
    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe(title);
    await page.getByText(/text/i).first().waitFor();
    await page.getByLabel("Text").fill("Hello {{customer.name}}, any news on #{{ticket.id}}?");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL("**/agent/canned");
    await page.getByRole("list", { name: "Your canned responses" }).getByRole("link", { name: title }).waitFor();
    await screenshot(page, "agent-personal-canned");

    await page.goto(`/agent/tickets/${ticket.id}`);
    await page.getByLabel("Canned response").selectOption({ label: title });
    await expect(page.getByLabel("Your reply").inputValue()).resolves.toContain(`Hello ${customer.fullname}, any news on #${ticket.id}?`);

    const [row] = await db.select().from(cannedResponses).where(and(eq(cannedResponses.title, title), eq(cannedResponses.staffId, agent.id)));
    expect(row).toBeTruthy();
    const other = await signInOverHttp("staff", { login: colleague.username, password: colleague.password });
    expect((await request(`/agent/canned/${row!.id}`, other)).status).toBe(404);
    const list = await request("/agent/canned", other);
    expect(await list.text()).not.toContain(title);
    const ticketPage = await request(`/agent/tickets/${ticket.id}`, other);
    expect(await ticketPage.text()).not.toContain(title);
  });
});
