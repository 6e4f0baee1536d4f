import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { organizations } from "@/db/schema";
import { launchBrowser, newPage, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the queue's organization filter", () => {
  it("loads its organizations when More filters opens, filters the queue, and shows the choice on the filtered page", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const name = unique("Filter Org ");
    const [org] = await db.insert(organizations).values({ name }).$returningId();
    const member = await makeCustomer({ organizationId: org!.id });
    const outsider = await makeCustomer();
    const theirs = unique("Org ticket ");
    const loose = unique("Loose ticket ");
    await makeTicket({ userId: member.id, departmentId: department.id, subject: theirs });
    await makeTicket({ userId: outsider.id, departmentId: department.id, subject: loose });

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    // The page no longer carries every organization: only "Any organization" until the filter opens.
    expect(await page.locator("#organization option").count()).toBe(1);
    await page.getByText("More filters").click();
    await page.locator(`#organization option[value="${org!.id}"]`).waitFor({ state: "attached" });
    await page.getByLabel("Organization").selectOption({ label: name });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(new RegExp(`organization=${org!.id}`));
    await page.getByRole("link", { name: theirs }).waitFor();
    expect(await page.getByRole("link", { name: loose }).count()).toBe(0);
    expect(await page.getByLabel("Organization").inputValue()).toBe(String(org!.id));
  });
});
