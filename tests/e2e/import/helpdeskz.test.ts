// Moving from HelpDeskZ, seen from outside: a HelpDeskZ database is imported with the CLI into a
// database of its own, a second app server (the production build) runs on it, and an old API client
// and the old customer and agent use it over real HTTP and in Chromium with what they had before.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type mysql from "mysql2/promise";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signInStaff } from "../../support/browser";
import {
  createHelpdeskzDatabase,
  databaseUrl,
  dropDatabase,
  fillHelpdeskzSample,
  sample,
} from "../../support/helpdeskz";

const run = promisify(execFile);
const testDb = new URL(process.env.DATABASE_URL!).pathname.slice(1);
const sourceName = `${testDb}_hdz_e2e_src`;
const targetName = `${testDb}_import_e2e`;
const sourceUrl = databaseUrl(process.env.DATABASE_URL!, sourceName);
const targetUrl = databaseUrl(process.env.DATABASE_URL!, targetName);
// Beside the suite's own app server, on a port derived from it so that parallel runs do not collide.
const port = Number(new URL(process.env.APP_URL!).port) + 17;
const appUrl = `http://127.0.0.1:${port}`;
const work = path.join(tmpdir(), `helpdeck-import-e2e-${process.pid}`);
const hdzFiles = path.join(work, "hdz-attachments");
const targetFiles = path.join(work, "helpdeck-attachments");
const targetEnv = {
  ...process.env,
  DATABASE_URL: targetUrl,
  ATTACHMENTS_DIR: targetFiles,
  APP_URL: appUrl,
  NEXTAUTH_URL: appUrl,
};

let source: mysql.Connection | undefined;
let app: ChildProcess | undefined;
let browser: Browser | undefined;

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The imported help desk did not answer at ${url}`);
}

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  source = await createHelpdeskzDatabase(process.env.DATABASE_URL!, sourceName);
  await fillHelpdeskzSample(source, hdzFiles);
  await dropDatabase(process.env.DATABASE_URL!, targetName);
  await run("npx", ["tsx", "scripts/migrate.ts"], { env: targetEnv });
  await run(
    "npx",
    [
      "tsx",
      "scripts/import-helpdeskz.ts",
      "--from",
      sourceUrl,
      "--attachments",
      hdzFiles,
      "--report",
      path.join(work, "report.txt"),
    ],
    { env: targetEnv },
  );
  app = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    env: { ...targetEnv, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", MAIL_WORKER: "off" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForHttp(`${appUrl}/api/health`, 90_000);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await source?.end();
  await dropDatabase(process.env.DATABASE_URL!, sourceName);
  await dropDatabase(process.env.DATABASE_URL!, targetName);
  rmSync(work, { recursive: true, force: true });
});

const api = async (pathname: string, token = sample.token) => {
  const response = await fetch(`${appUrl}/api/${pathname}`, { headers: { Token: token } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("a HelpDeskZ install moved to Helpdeck", () => {
  it("answers the old API token over HTTP with the same ticket ids and files", async () => {
    const ticket = await api("tickets/show/123");
    expect(ticket.status).toBe(200);
    expect(ticket.body.ticket).toMatchObject({
      id: "123",
      subject: "Invoice is wrong",
      user_id: "5",
      status: "3",
    });

    const list = await api("tickets?user_id=5");
    const ids = (list.body.tickets as { id: string }[]).map((t) => t.id).sort();
    expect(ids).toEqual(["123", "124"]);

    const file = await api("attachments/show/50");
    expect(file.body).toMatchObject({
      name: "invoice.pdf",
      filetype: "application/pdf",
      size: String(sample.pdf.length),
    });
    expect(Buffer.from(file.body.content as string, "base64").equals(sample.pdf)).toBe(true);

    expect((await api("tickets/show/123", "not-the-token")).status).toBe(400);
  });

  it("lets the customer sign in to the portal with their HelpDeskZ password and see their tickets", async () => {
    const context = await browser!.newContext({ baseURL: appUrl });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email address").fill("alice@customer.test");
    await page.getByLabel("Password").fill(sample.customerPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account/tickets");
    await page.getByText("Invoice is wrong").first().waitFor();
    // The ticket of her second HelpDeskZ account (same email) is hers here too.
    await page.getByText("Second account's ticket").first().waitFor();
    await screenshot(page, "import-helpdeskz-customer-tickets");
    await context.close();
  });

  it("lets the agent sign in with their HelpDeskZ password and open an imported ticket by its old number", async () => {
    const context = await browser!.newContext({ baseURL: appUrl });
    const page = await context.newPage();
    await signInStaff(page, "agent", sample.agentPassword);
    await page.goto("/agent/tickets/123");
    await page
      .getByRole("heading", { name: /Invoice is wrong/ })
      .first()
      .waitFor();
    await page.getByText("Called & left a message <voicemail>").first().waitFor();
    await screenshot(page, "import-helpdeskz-agent-ticket");
    await context.close();
  });
});
