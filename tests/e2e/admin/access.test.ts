import { eq } from "drizzle-orm";
import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { departments, emailAddresses, priorities, staff } from "@/db/schema";
import { baseUrl, launchBrowser, newPage, screenshot } from "../../support/browser";
import { makeDepartment, makeStaff, unique } from "../../support/factories";
import { adminPage, signInStaff } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function adminPaths() {
  const dept = await makeDepartment();
  const member = await makeStaff();
  const [address] = await db.insert(emailAddresses).values({ email: `${unique("a")}@example.test`, senderName: "A" }).$returningId();
  const [priority] = await db.insert(priorities).values({ name: unique("P") }).$returningId();
  return [
    "/admin",
    "/admin/departments",
    "/admin/departments/new",
    `/admin/departments/${dept.id}`,
    "/admin/staff",
    "/admin/staff/new",
    `/admin/staff/${member.id}`,
    "/admin/email",
    "/admin/email/new",
    `/admin/email/${address!.id}`,
    "/admin/email/outbox",
    "/admin/templates",
    "/admin/templates/invitation",
    "/admin/canned",
    "/admin/canned/new",
    "/admin/priorities",
    `/admin/priorities/${priority!.id}`,
    "/admin/custom-fields",
    "/admin/custom-fields/new",
    "/admin/settings/tickets",
    "/admin/settings/general",
    "/admin/settings/portals",
    "/admin/settings/security",
    "/admin/audit",
    "/admin/api-keys",
  ];
}

describe("admin access", () => {
  it("an agent gets 404 on every admin page and every admin action; an admin gets the pages", async () => {
    const paths = await adminPaths();
    const { page: admin } = await adminPage(browser);

    // Capture real server-action requests as the admin performs them.
    const captured: { name: string; url: string; headers: Record<string, string>; body: string }[] = [];
    const capture = (name: string) => (request: Request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) {
        captured.push({ name, url: request.url(), headers: request.headers(), body: request.postData() ?? "" });
      }
    };
    const record = async (name: string, act: () => Promise<void>) => {
      const listener = capture(name);
      admin.on("request", listener);
      await act();
      admin.off("request", listener);
    };

    for (const path of paths) {
      const response = await admin.goto(path);
      expect(response!.status(), path).toBe(200);
    }

    const victim = await makeDepartment();
    const newName = unique("Renamed ");
    await record("department.update", async () => {
      await admin.goto(`/admin/departments/${victim.id}`);
      await admin.getByLabel("Name").fill(newName);
      await admin.getByRole("button", { name: "Save" }).click();
      await admin.getByText("Department saved.").waitFor();
    });
    await record("settings.update", async () => {
      await admin.goto("/admin/settings/security");
      await admin.getByRole("button", { name: "Save settings" }).click();
      await admin.getByText("Settings saved.").waitFor();
    });
    const member = await makeStaff();
    await record("staff.update", async () => {
      await admin.goto(`/admin/staff/${member.id}`);
      await admin.getByLabel("Role").selectOption("admin");
      await admin.getByRole("button", { name: "Save" }).click();
      await admin.getByText("Staff member saved.").waitFor();
    });
    expect(captured.map((c) => c.name)).toEqual(expect.arrayContaining(["department.update", "settings.update", "staff.update"]));
    // Undo the admin's own changes so the replays below start from a known state.
    await db.update(departments).set({ name: victim.name }).where(eq(departments.id, victim.id));
    await db.update(staff).set({ role: "agent" }).where(eq(staff.id, member.id));

    const agent = await makeStaff();
    const page = await newPage(browser);
    await signInStaff(page, agent.username, agent.password);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(404);
    }
    await screenshot(page, "admin-agent-404");

    // The same action requests, sent with the agent's session, are refused and change nothing.
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const request of captured) {
      const { cookie: _adminCookie, ...headers } = request.headers;
      void _adminCookie;
      const response = await fetch(request.url, { method: "POST", headers: { ...headers, cookie: cookies }, body: request.body });
      expect(response.status, request.name).toBe(404);
    }
    const [dept] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, victim.id));
    expect(dept!.name).toBe(victim.name);
    const [after] = await db.select({ role: staff.role }).from(staff).where(eq(staff.id, member.id));
    expect(after!.role).toBe("agent");
    expect(baseUrl()).toBeTruthy();
  });

  it("screenshots of the admin pages at 1280 and 390 pixels", { timeout: 400_000 }, async () => {
    const paths = (await adminPaths()).filter((p) => !p.endsWith("/new") || p.includes("custom-fields"));
    for (const width of [1280, 390]) {
      const { page } = await adminPage(browser, { width });
      for (const path of paths) {
        await page.goto(path);
        await screenshot(page, `admin-${width}${path.replace(/\//g, "-").replace(/-admin/, "") || "-overview"}`);
      }
    }
  });
});
