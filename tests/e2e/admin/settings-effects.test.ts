import { and, desc, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, tickets } from "@/db/schema";
import { launchBrowser, newPage, screenshot } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { adminPage, rememberSettings, saveSettingsThroughUi, signInStaff } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("admin settings take effect", () => {
  it("a department made private disappears from the portal's open-a-ticket form", async () => {
    const dept = await makeDepartment();
    const { page } = await adminPage(browser);
    const visitor = await newPage(browser);
    await visitor.goto("/open");
    expect(await visitor.locator("#departmentId option", { hasText: dept.name }).count()).toBe(1);

    await page.goto("/admin/departments");
    await page.getByRole("link", { name: dept.name }).click();
    await page.getByLabel("Private").check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Department saved.").waitFor();
    await screenshot(page, "admin-department-edit");

    await visitor.reload();
    expect(await visitor.locator("#departmentId option", { hasText: dept.name }).count()).toBe(0);
  });

  it("an attachment over the size limit is refused on /open with a clear message", async () => {
    const restore = await rememberSettings(["attachmentsMaxSizeMb", "attachmentsEnabled"]);
    try {
      const dept = await makeDepartment();
      const { page, admin } = await adminPage(browser);
      await saveSettingsThroughUi(page, "tickets", async (p) => {
        await p.getByLabel("Accept attachments").check();
        await p.getByLabel("Largest file (MB)").fill("0.01");
      });
      await screenshot(page, "admin-settings-tickets");
      const [entry] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, "settings.update")))
        .orderBy(desc(auditLog.id));
      expect(entry!.details).toMatchObject({ attachmentsMaxSizeMb: { to: 0.01 } });

      const visitor = await newPage(browser);
      await visitor.goto("/open");
      await visitor.getByLabel("Department").selectOption({ label: dept.name });
      await visitor.getByLabel("Your name").fill("Size Tester");
      await visitor.getByLabel("Email address").fill(`size-${Date.now()}@example.test`);
      await visitor.getByLabel("Subject").fill("Big file");
      await visitor.getByLabel("Message").fill("Here is a large log file.");
      await visitor.locator("#attachments").setInputFiles({ name: "big.log", mimeType: "text/plain", buffer: Buffer.alloc(30 * 1024, "x") });
      await visitor.getByRole("button", { name: "Open ticket" }).click();
      await visitor.getByText("big.log is larger than 0.01 MB.").first().waitFor();
      await screenshot(visitor, "portal-open-attachment-too-large");
      expect(await db.select().from(tickets).where(eq(tickets.departmentId, dept.id))).toHaveLength(0);
    } finally {
      await restore();
    }
  });

  it("overdue hours change the queue's Overdue view and its count", async () => {
    const restore = await rememberSettings(["overdueHours"]);
    try {
      const dept = await makeDepartment();
      const agent = await makeStaff({ departmentIds: [dept.id] });
      const customer = await makeCustomer();
      const subject = unique("Overdue ");
      const ticket = await makeTicket({ userId: customer.id, departmentId: dept.id, subject });
      await db.update(tickets).set({ lastUpdateAt: new Date(Date.now() - 10 * 3600_000) }).where(eq(tickets.id, ticket.id));

      const { page } = await adminPage(browser);
      await saveSettingsThroughUi(page, "tickets", (p) => p.getByLabel("Overdue after (hours without activity)").fill("48"));

      const agentPage = await newPage(browser);
      await signInStaff(agentPage, agent.username, agent.password);
      const overdueTab = agentPage.getByRole("navigation", { name: "Views" }).getByRole("link", { name: /Overdue/ });
      await agentPage.goto("/agent?view=overdue");
      expect((await overdueTab.textContent())!.replace(/\D/g, "")).toBe("0");
      expect(await agentPage.getByText(subject).count()).toBe(0);

      await saveSettingsThroughUi(page, "tickets", (p) => p.getByLabel("Overdue after (hours without activity)").fill("5"));
      await agentPage.goto("/agent?view=overdue");
      expect((await overdueTab.textContent())!.replace(/\D/g, "")).toBe("1");
      await agentPage.getByRole("link", { name: subject }).first().waitFor();
    } finally {
      await restore();
    }
  });

  it("maintenance mode blocks the portal but not staff", async () => {
    const restore = await rememberSettings(["maintenanceMode"]);
    try {
      const { page } = await adminPage(browser);
      await saveSettingsThroughUi(page, "general", (p) => p.getByLabel("Maintenance mode").check());
      await screenshot(page, "admin-settings-general");

      const visitor = await newPage(browser);
      for (const path of ["/", "/open", "/login"]) {
        await visitor.goto(path);
        await visitor.getByRole("heading", { name: /under maintenance/ }).waitFor();
        expect(await visitor.locator("form").count()).toBe(0);
      }
      await screenshot(visitor, "portal-maintenance");

      const agent = await makeStaff();
      const agentPage = await newPage(browser);
      await signInStaff(agentPage, agent.username, agent.password);
      await agentPage.getByRole("navigation", { name: "Views" }).waitFor();
      await page.goto("/admin/departments");
      await page.getByRole("heading", { name: "Departments" }).waitFor();

      await saveSettingsThroughUi(page, "general", (p) => p.getByLabel("Maintenance mode").uncheck());
      await visitor.goto("/open");
      await visitor.getByRole("button", { name: "Open ticket" }).waitFor();
    } finally {
      await restore();
    }
  });
});
