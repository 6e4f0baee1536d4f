import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customFields, tickets } from "@/db/schema";
import { deleteCustomField, listTicketFieldValues } from "@/lib/custom-fields";
import { launchBrowser, newPage, screenshot } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, unique } from "../../support/factories";
import { adminPage, signInStaff } from "../admin/support";
import { signInCustomer } from "../portal/support";

let browser: Browser;
let fieldId: number | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  if (fieldId) await deleteCustomField(fieldId).catch(() => {});
  await browser?.close();
});

describe("custom fields on tickets", () => {
  it("a required select made by an admin for one department is asked on /open, checked, shown to the agent who edits it, and to the customer", async () => {
    const [withField, without] = await Promise.all([makeDepartment({ name: unique("Devices ") }), makeDepartment({ name: unique("Billing ") })]);
    const title = unique("Device model ");
    const label = `${title} *`;

    // The admin defines the field for one department only.
    const { page: admin } = await adminPage(browser);
    await admin.goto("/admin/custom-fields/new");
    await admin.getByLabel("Type", { exact: true }).selectOption("select");
    await admin.getByLabel("Title", { exact: true }).fill(title);
    await admin.getByLabel("Options", { exact: true }).fill("Model X1\nModel X2");
    await admin.getByLabel("Required", { exact: true }).check();
    await admin.getByLabel("All departments", { exact: true }).uncheck();
    await admin.getByLabel(withField.name, { exact: true }).check();
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.waitForURL(/\/admin\/custom-fields$/);
    await admin.getByRole("link", { name: title }).waitFor();
    const [field] = await db.select({ id: customFields.id }).from(customFields).where(eq(customFields.title, title));
    fieldId = field!.id;

    // A signed-in customer sees the field only for its department.
    const customer = await makeCustomer();
    const page = await newPage(browser);
    await signInCustomer(page, customer.email, customer.password);
    await page.goto("/open");
    await page.getByLabel("Department").selectOption({ label: without.name });
    expect(await page.getByLabel(label).count()).toBe(0);
    await page.getByLabel("Department").selectOption({ label: withField.name });
    await page.getByLabel(label).waitFor();
    expect(await page.getByLabel(label).locator("option").allTextContents()).toEqual(["Choose…", "Model X1", "Model X2"]);

    // Left empty: the field's message, and what was typed stays.
    const subject = unique("Screen flickers ");
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Message").fill("The screen flickers after the update.");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.getByText(`${title} is required.`).waitFor();
    expect(await page.getByLabel("Subject").inputValue()).toBe(subject);
    expect(await page.getByLabel("Message").inputValue()).toBe("The screen flickers after the update.");
    await screenshot(page, "custom-fields-open-required");

    await page.getByLabel(label).selectOption("Model X2");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.waitForURL(/\/open\/submitted\?ticket=\d+/);
    const ticketId = Number(new URL(page.url()).searchParams.get("ticket"));
    expect((await listTicketFieldValues(ticketId)).map((v) => [v.title, v.value])).toEqual([[title, "Model X2"]]);

    // The agent sees the value in the side panel and changes it; the history says so.
    const agent = await makeStaff({ departmentIds: [withField.id] });
    const desk = await newPage(browser);
    await signInStaff(desk, agent.username, agent.password);
    await desk.goto(`/agent/tickets/${ticketId}`);
    const values = desk.getByRole("definition").filter({ hasText: /^Model X/ });
    expect(await values.textContent()).toBe("Model X2");
    await desk.locator("summary", { hasText: "Edit fields" }).click();
    await desk.getByLabel(label).selectOption("");
    await desk.getByRole("button", { name: "Save fields" }).click();
    await desk.getByText(`${title} is required.`).waitFor();
    await desk.getByLabel(label).selectOption("Model X1");
    await desk.getByRole("button", { name: "Save fields" }).click();
    await desk.getByText("Fields saved.").waitFor();
    await desk.getByRole("definition").filter({ hasText: "Model X1" }).waitFor();
    expect(await values.textContent()).toBe("Model X1");
    await desk.locator("summary", { hasText: "History" }).click();
    await desk.getByText(`set ${title} to “Model X1”`).waitFor();
    await screenshot(desk, "custom-fields-agent-ticket");

    // The customer reads the current value in the private portal and through the ticket's link.
    await page.goto(`/account/tickets/${ticketId}`);
    await page.getByRole("heading", { name: "Ticket details" }).waitFor();
    expect(await page.getByRole("definition").filter({ hasText: /^Model X/ }).textContent()).toBe("Model X1");
    await screenshot(page, "custom-fields-customer-ticket");
    const [row] = await db.select({ token: tickets.publicToken }).from(tickets).where(eq(tickets.id, ticketId));
    const visitor = await newPage(browser);
    await visitor.goto(`/t/${row!.token}`);
    expect(await visitor.getByRole("definition").filter({ hasText: /^Model X/ }).textContent()).toBe("Model X1");
    expect(await visitor.getByText(title).count()).toBe(1);
  });

  it("an agent opening a ticket for a customer fills the department's required field", async () => {
    const dept = await makeDepartment({ name: unique("Repairs ") });
    const title = unique("Serial ");
    const { page: admin } = await adminPage(browser);
    await admin.goto("/admin/custom-fields/new");
    await admin.getByLabel("Title", { exact: true }).fill(title);
    await admin.getByLabel("Required", { exact: true }).check();
    await admin.getByLabel("All departments", { exact: true }).uncheck();
    await admin.getByLabel(dept.name, { exact: true }).check();
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.waitForURL(/\/admin\/custom-fields$/);
    await admin.getByRole("link", { name: title }).waitFor();
    const [field] = await db.select({ id: customFields.id }).from(customFields).where(eq(customFields.title, title));
    try {
      const agent = await makeStaff({ departmentIds: [dept.id] });
      const desk = await newPage(browser);
      await signInStaff(desk, agent.username, agent.password);
      await desk.goto("/agent/tickets/new");
      await desk.getByLabel("Customer email").fill(`${unique("phone")}@example.test`);
      await desk.getByLabel("Department").selectOption({ label: dept.name });
      await desk.getByLabel("Subject").fill("Phoned in: broken hinge");
      await desk.getByLabel("Message").fill("Customer called about a broken hinge.");
      await desk.getByRole("button", { name: "Create ticket" }).click();
      await desk.getByText(`${title} is required.`).waitFor();
      expect(await desk.getByLabel("Subject").inputValue()).toBe("Phoned in: broken hinge");
      await desk.getByLabel(`${title} *`).fill("SN-1234");
      await desk.getByRole("button", { name: "Create ticket" }).click();
      await desk.waitForURL(/\/agent\/tickets\/\d+$/);
      await desk.getByRole("definition").filter({ hasText: "SN-1234" }).waitFor();
    } finally {
      await deleteCustomField(field!.id).catch(() => {});
    }
  });
});
