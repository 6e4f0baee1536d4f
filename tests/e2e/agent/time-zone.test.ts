// Dates read in the person's own time zone (their profile's), on server pages and in client tables alike.
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { staff, tickets } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { launchBrowser, newPage, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("time zones", () => {
  it("an agent in Tokyo sees the ticket's times in Tokyo time on the ticket page and in the queue", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    await db.update(staff).set({ timezone: "Asia/Tokyo" }).where(eq(staff.id, agent.id));
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    // 23:30 UTC is already the next day in Tokyo: the date itself shows the zone is applied.
    const at = new Date("2026-05-04T23:30:00Z");
    await db.update(tickets).set({ createdAt: at, lastUpdateAt: at }).where(eq(tickets.id, ticket.id));
    const tokyo = formatDateTime(at, { timeZone: "Asia/Tokyo", pattern: "d MMM yyyy, HH:mm" });
    expect(tokyo).toBe("5 May 2026, 08:30");

    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    await page.goto("/agent?view=all");
    await page.getByRole("row", { name: new RegExp(tokyo) }).waitFor();
    await page.goto(`/agent/tickets/${ticket.id}`);
    await page.getByText(`opened ${tokyo}`).waitFor();
  });
});
