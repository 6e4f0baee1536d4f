// MariaDB crashes (SIGKILL) and comes back while API clients, portal visitors and the MTA pipe (the Node
// pipe and the curl forwarder to POST /api/mail) are all writing. Each door must either acknowledge a
// ticket that then exists exactly once, or refuse with an error its caller retries on (API 503, portal
// form message, pipe exit 75) and leave nothing half-written;
// and the running app server must recover on its own. The crash hits a private MariaDB started here,
// never the shared test server that other files use meanwhile.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import mysql, { type RowDataPacket } from "mysql2/promise";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../support/browser";
import { buildRawMail, runHttpPipe, runPipe } from "../../support/mail";
import { freePort, startPrivateMariadb, type PrivateMariadb } from "../../support/private-mariadb";

const root = path.resolve(__dirname, "../../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// What must never reach a client: a stack frame, or a raw driver/SQL error.
const leak = /\n\s+at .+:\d+:\d+|ECONNREFUSED|PROTOCOL_CONNECTION_LOST|\bER_[A-Z_]{4,}|INSERT INTO|SELECT .+ FROM/;

/** "pipe": dist/mail-pipe.mjs; "http-pipe": scripts/mail-pipe.sh posting to /api/mail. */
type Door = "api" | "portal" | "pipe" | "http-pipe";
type Attempt = {
  door: Door;
  marker: string;
  startedAt: number;
  acked: boolean;
  ticketId?: number;
  messageId?: string;
  raw?: Buffer;
  detail: string;
};

let mariadb: PrivateMariadb | undefined;
let app: ChildProcess | undefined;
let appLog = "";
let browser: Browser | undefined;
let sql: mysql.Connection | undefined;
let appUrl = "";
let privateEnv: Record<string, string> = {};
let seed: { departmentId: number; addressEmail: string; userId: number; token: string };

function runScript(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))));
  });
}

async function waitForHealth(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${appUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`The fault-test app server was not healthy within ${timeoutMs} ms:\n${appLog.slice(-3000)}`);
}

beforeAll(async () => {
  mariadb = await startPrivateMariadb();
  privateEnv = {
    DATABASE_URL: mariadb.url,
    ATTACHMENTS_DIR: path.join(mariadb.dir, "attachments"),
  };
  await runScript("scripts/migrate.ts", privateEnv);
  seed = JSON.parse(await runScript("tests/support/fault-seed.ts", privateEnv));

  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  // The same production server as tests/setup/e2e.ts, on its own port and against the private database.
  app = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...privateEnv,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      MAIL_WORKER: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => (appLog = (appLog + chunk.toString()).slice(-200_000));
  app.stdout!.on("data", keep);
  app.stderr!.on("data", keep);
  await waitForHealth(60_000);
  browser = await launchBrowser();
}, 150_000);

afterAll(async () => {
  await sql?.end().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  if (app?.pid && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.race([exited, sleep(5000)]);
    try {
      process.kill(-app.pid, "SIGKILL");
    } catch {
      /* stopped */
    }
  }
  await mariadb?.destroy();
}, 30_000);

const marker = (door: Door) => `fault-${door}-${randomBytes(5).toString("hex")}`;

async function apiCreate(): Promise<Attempt> {
  const attempt: Attempt = { door: "api", marker: marker("api"), startedAt: Date.now(), acked: false, detail: "" };
  let status = 0;
  let text = "";
  try {
    const response = await fetch(`${appUrl}/api/tickets/create`, {
      method: "POST",
      headers: { Token: seed.token, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        opener: "user",
        user_id: String(seed.userId),
        department_id: String(seed.departmentId),
        subject: attempt.marker,
        body: "Created while the database may be restarting.",
      }),
    });
    status = response.status;
    text = await response.text();
    const body = JSON.parse(text) as { success?: number; error?: number; ticket_id?: number; message?: string };
    if (status === 200 && body.success === 1 && body.ticket_id) {
      attempt.acked = true;
      attempt.ticketId = body.ticket_id;
    }
    attempt.detail = `${status} ${text}`;
  } catch (error) {
    attempt.detail = `${status} unreadable answer: ${error instanceof Error ? error.message : error} ${text.slice(0, 500)}`;
  }
  return attempt;
}

/** Delivers one new mail through an MTA pipe door, as the MTA runs it. */
async function pipeDelivery(door: "pipe" | "http-pipe" = "pipe"): Promise<Attempt> {
  const subject = marker(door);
  const messageId = `<${subject}@customer.example.test>`;
  const raw = buildRawMail({
    // One sender per message: the per-sender flood limit must not be what refuses it.
    from: `Sender <${subject}@customer.example.test>`,
    to: seed.addressEmail,
    subject,
    messageId,
  });
  const startedAt = Date.now();
  const { code, stderr } = await deliverByPipe(door, raw);
  return { door, marker: subject, startedAt, acked: code === 0, messageId, raw, detail: `exit ${code}: ${stderr.trim()}` };
}

const deliverByPipe = (door: "pipe" | "http-pipe", raw: Buffer) =>
  door === "pipe" ? runPipe(raw, privateEnv) : runHttpPipe(raw, { HELPDECK_URL: appUrl, HELPDECK_PIPE_TOKEN: seed.token });

async function newPortalPage() {
  const context = await browser!.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Loads the open-ticket form and fills it; false when the page cannot render (database down). */
async function fillPortalForm(page: Page, subject: string): Promise<boolean> {
  const response = await page.goto("/open").catch(() => null);
  const html = await page.content().catch(() => "");
  expect(html, "the portal leaked an error detail").not.toMatch(leak);
  if (!response || !(await page.getByRole("button", { name: "Open ticket" }).isVisible())) return false;
  await page.getByLabel("Department").selectOption(String(seed.departmentId));
  await page.getByLabel("Your name").fill("Portal Visitor");
  await page.getByLabel("Email address").fill(`${subject}@visitor.example.test`);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("Opened while the database may be restarting.");
  return true;
}

/** Submits the filled form: acknowledged by the redirect to /open/submitted, refused by the form's message. */
async function submitPortalForm(page: Page, subject: string): Promise<Attempt> {
  const attempt: Attempt = { door: "portal", marker: subject, startedAt: Date.now(), acked: false, detail: "" };
  await page.getByRole("button", { name: "Open ticket" }).click();
  const formMessage = page.locator("form [role=alert]");
  await Promise.race([
    page.waitForURL(/\/open\/submitted\?ticket=\d+/, { timeout: 20_000 }),
    formMessage.waitFor({ timeout: 20_000 }),
  ]).catch(() => undefined);
  const ticket = /\/open\/submitted\?ticket=(\d+)/.exec(page.url());
  if (ticket) {
    attempt.acked = true;
    attempt.ticketId = Number(ticket[1]);
    attempt.detail = page.url();
  } else {
    attempt.detail = (await formMessage.textContent().catch(() => null)) ?? `no answer (${page.url()})`;
  }
  expect(await page.content(), "the portal leaked an error detail").not.toMatch(leak);
  return attempt;
}

describe("MariaDB crash and restart under load", () => {
  it("every acknowledged ticket exists exactly once, every refusal is retryable and left nothing half-written, and the app recovers", async () => {
    const attempts: Attempt[] = [];
    let stopped = false;

    const apiLoop = async () => {
      while (!stopped) {
        attempts.push(await apiCreate());
        await sleep(60);
      }
    };
    const pipeLoop = async (door: "pipe" | "http-pipe") => {
      while (!stopped) attempts.push(await pipeDelivery(door));
    };
    const portalLoop = async (page: Page) => {
      while (!stopped) {
        const subject = marker("portal");
        if (await fillPortalForm(page, subject)) attempts.push(await submitPortalForm(page, subject));
        else await sleep(300);
      }
    };

    // A visitor who fills the form while all is well and presses the button once the database is gone.
    const latePage = await newPortalPage();
    const lateSubject = marker("portal");
    expect(await fillPortalForm(latePage, lateSubject)).toBe(true);

    const loops = [apiLoop(), apiLoop(), apiLoop(), pipeLoop("pipe"), pipeLoop("http-pipe"), portalLoop(await newPortalPage())];
    await sleep(2500);

    await mariadb!.crash();
    const downAt = Date.now();
    // Requests that certainly arrive while the database is down; the restart waits for their answers.
    const duringOutage = Promise.all([pipeDelivery(), pipeDelivery(), pipeDelivery("http-pipe"), submitPortalForm(latePage, lateSubject)]);
    const refusedWhileDown = await Promise.race([duringOutage, sleep(45_000).then(() => null)]);
    expect(refusedWhileDown, "requests made while the database was down got no answer").not.toBeNull();
    attempts.push(...refusedWhileDown!);
    await sleep(Math.max(0, 2000 - (Date.now() - downAt)));

    await mariadb!.start();
    const upAt = Date.now();
    await sleep(6000);
    stopped = true;
    await Promise.all(loops);

    // The app server recovers by itself: same process, next requests succeed.
    expect(app!.exitCode).toBeNull();
    await waitForHealth(15_000);
    const after = [await apiCreate(), await pipeDelivery(), await pipeDelivery("http-pipe")];
    const afterPage = await newPortalPage();
    const afterSubject = marker("portal");
    expect(await fillPortalForm(afterPage, afterSubject)).toBe(true);
    after.push(await submitPortalForm(afterPage, afterSubject));
    for (const attempt of after) expect(attempt.acked, `${attempt.door} after the restart: ${attempt.detail}`).toBe(true);
    attempts.push(...after);

    // Every refusal is one its caller retries on, in its door's own terms.
    for (const attempt of attempts.filter((a) => !a.acked)) {
      if (attempt.door === "api") {
        const [status, ...rest] = attempt.detail.split(" ");
        expect(status, attempt.detail).toBe("503");
        expect(JSON.parse(rest.join(" ")), attempt.detail).toEqual({ error: 1, message: expect.stringMatching(/try again/i) });
      } else if (attempt.door === "pipe" || attempt.door === "http-pipe") {
        expect(attempt.detail, attempt.detail).toMatch(/^exit 75:/);
      } else {
        expect(attempt.detail, attempt.detail).toMatch(/try again/i);
      }
    }
    // What clients read carries no internals (the pipe's stderr goes to the MTA's log, where details help).
    for (const attempt of attempts.filter((a) => a.door === "api")) expect(attempt.detail).not.toMatch(leak);

    sql = await mysql.createConnection({ uri: mariadb!.url });
    const ticketsWith = async (subject: string) => {
      const [rows] = await sql!.query<RowDataPacket[]>(
        `SELECT t.id, (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id) AS messages
           FROM tickets t WHERE t.subject = ?`,
        [subject],
      );
      return rows as { id: number; messages: number }[];
    };

    let refusedButStored = 0;
    for (const attempt of attempts) {
      const found = await ticketsWith(attempt.marker);
      const where = `${attempt.door} ${attempt.marker} (${attempt.acked ? "acknowledged" : "refused"}: ${attempt.detail})`;
      if (attempt.acked) {
        expect(found, where).toHaveLength(1);
        if (attempt.ticketId) expect(found[0]!.id, where).toBe(attempt.ticketId);
      } else {
        // A refusal may only be "stored" when the crash ate the reply to a COMMIT that had already landed.
        expect(found.length, where).toBeLessThanOrEqual(1);
        refusedButStored += found.length;
      }
      for (const ticket of found) expect(Number(ticket.messages), where).toBe(1);
    }

    // Nothing half-written anywhere: each ticket has its message and its "created" history entry.
    const [incomplete] = await sql.query<RowDataPacket[]>(
      `SELECT t.id FROM tickets t
        WHERE (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id) <> 1
           OR (SELECT COUNT(*) FROM ticket_history h WHERE h.ticket_id = t.id AND h.action = 'created') <> 1`,
    );
    expect(incomplete).toEqual([]);

    // The MTA retries every refused delivery; afterwards each mail is stored exactly once.
    const pipes = attempts.filter((a): a is Attempt & { door: "pipe" | "http-pipe" } => a.door === "pipe" || a.door === "http-pipe");
    for (const attempt of pipes.filter((a) => !a.acked)) {
      const { code, stderr } = await deliverByPipe(attempt.door, attempt.raw!);
      expect(code, stderr).toBe(0);
    }
    for (const attempt of pipes) {
      const [stored] = await sql.query<RowDataPacket[]>(
        `SELECT (SELECT COUNT(*) FROM messages WHERE email_message_id = ?) AS messages,
                (SELECT COUNT(*) FROM inbound_mail WHERE message_id = ? AND status = 'stored') AS inbound,
                (SELECT COUNT(*) FROM tickets WHERE subject = ?) AS tickets`,
        [attempt.messageId, attempt.messageId, attempt.marker],
      );
      expect(stored[0], `${attempt.marker}: ${attempt.detail}`).toEqual({ messages: 1, inbound: 1, tickets: 1 });
    }

    const count = (door: Door, acked: boolean, since = 0) =>
      attempts.filter((a) => a.door === door && a.acked === acked && a.startedAt >= since).length;
    const summary = (["api", "portal", "pipe", "http-pipe"] as const).map(
      (door) => `${door}: ${count(door, true)} acknowledged, ${count(door, false)} refused`,
    );
    console.log(`fault load: ${summary.join("; ")}; refused but stored: ${refusedButStored}`);
    // The fault was really hit at every door, and every door worked again after it.
    for (const door of ["api", "portal", "pipe", "http-pipe"] as const) {
      expect(count(door, false), `${door} refusals`).toBeGreaterThanOrEqual(1);
      expect(count(door, true, upAt), `${door} acknowledged after the restart`).toBeGreaterThanOrEqual(1);
    }
  }, 150_000);
});
