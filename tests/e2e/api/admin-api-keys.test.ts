import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { launchBrowser, newPage, screenshot, signInStaff } from "../../support/browser";
import { makeStaff, unique } from "../../support/factories";
import { expectError, expectSuccess, get } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("admin: API keys", () => {
  it("an admin creates a key with chosen permissions and IP list, sees the token once, and manages it", async () => {
    const admin = await makeStaff({ role: "admin" });
    const page = await newPage(browser);
    page.on("dialog", (dialog) => dialog.accept());
    await signInStaff(page, admin.username, admin.password);

    await page.goto("/admin/api-keys/new");
    const name = unique("CRM ");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "None" }).click();
    await page.getByLabel("Support tickets: Get list/details of tickets.").check();
    await page.getByLabel("Support tickets: Create tickets.").check();
    await page.getByLabel("Allowed IP addresses").fill("not-an-ip");
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect.poll(() => page.getByText(/Enter addresses/).count()).toBeGreaterThan(0);

    await page.getByLabel("Allowed IP addresses").fill("192.0.2.0/24\n198.51.100.7");
    await screenshot(page, "admin-api-key-form");
    await page.getByRole("button", { name: "Create API key" }).click();
    const tokenBox = page.getByTestId("api-token");
    await tokenBox.waitFor();
    const token = (await tokenBox.textContent())!.trim();
    await screenshot(page, "admin-api-key-created");

    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.name, name));
    expect(row!.permissions.sort()).toEqual(["tickets/create", "tickets/read"]);
    expect(row!.ipAllowlist).toBe("192.0.2.0/24\n198.51.100.7");

    // The key works within its permissions and addresses.
    expectSuccess(await get("/api/tickets", token, { ip: "192.0.2.10" }));
    expectError(await get("/api/users", token, { ip: "192.0.2.10" }), 400, "Permission not allowed: Get list/details of users.");
    expectError(await get("/api/tickets", token, { ip: "203.0.113.1" }), 400, "IP address `203.0.113.1 is not allowed.");

    // The list shows it without the token.
    await page.goto("/admin/api-keys");
    await page.getByRole("link", { name }).waitFor();
    expect(await page.content()).not.toContain(token);

    // Deactivate, activate, regenerate, delete.
    await page.getByRole("link", { name }).click();
    await screenshot(page, "admin-api-key-detail");
    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    await page.getByRole("button", { name: "Activate", exact: true }).waitFor();
    expectError(await get("/api/tickets", token, { ip: "192.0.2.10" }), 400, "Invalid authentication.");
    await page.getByRole("button", { name: "Activate", exact: true }).click();
    await page.getByRole("button", { name: "Deactivate", exact: true }).waitFor();
    expectSuccess(await get("/api/tickets", token, { ip: "192.0.2.10" }));

    await page.getByRole("button", { name: "Regenerate token" }).click();
    const fresh = page.getByTestId("api-token");
    await fresh.waitFor();
    const newToken = (await fresh.textContent())!.trim();
    expect(newToken).not.toBe(token);
    expectError(await get("/api/tickets", token, { ip: "192.0.2.10" }), 400, "Invalid authentication.");
    expectSuccess(await get("/api/tickets", newToken, { ip: "192.0.2.10" }));

    // Edit: widen the permissions.
    await page.getByRole("button", { name: "Select all" }).click();
    await page.getByLabel("Allowed IP addresses").fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("API key saved.").waitFor();
    expectSuccess(await get("/api/users", newToken, { ip: "203.0.113.1" }));

    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL("**/admin/api-keys");
    expect(await db.select().from(apiKeys).where(eq(apiKeys.id, row!.id))).toEqual([]);
    expectError(await get("/api/tickets", newToken), 400, "Invalid authentication.");
    await page.context().close();
  });

  it("an agent does not see the API keys pages", async () => {
    const agent = await makeStaff({ role: "agent" });
    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    const response = await page.goto("/admin/api-keys");
    expect(response?.status()).toBe(404);
    await page.context().close();
  });
});
