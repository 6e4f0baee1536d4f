// Inbound mail throughput: messages/s through the pipe door (one process per message, as an MTA runs it,
// several at once: the bundled Node pipe, and the curl forwarder scripts/mail-pipe.sh posting to the
// production server's POST /api/mail), over LMTP to the production server (an MTA's delivery agents on
// long-lived connections), through the ingest function in one process (one at a time and several at once)
// and through the IMAP fetcher against a local Dovecot. Standalone it writes bench/mail.md and
// uses DATABASE_URL; run it on a scratch database, with a production build in NEXT_DIST_DIR, e.g.:
//   export HELPDECK_TEST_DB=helpdeck_bench_mail NEXT_DIST_DIR=.data/next-bench; source scripts/test-env.sh
//   npx tsx scripts/migrate.ts && NODE_ENV=production npx next build && npm run build:pipe && npx tsx scripts/bench-mail.ts
// `npm run bench` (scripts/bench.ts) calls runMailBench on the scale data set.
import "./load-env";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { db, pool } from "@/db";
import { emailAddresses, messages } from "@/db/schema";
import { createApiKey, deleteApiKey } from "@/lib/api-keys";
import { getEmailAddress } from "@/lib/mail/addresses";
import { fetchMailbox } from "@/lib/mail/imap";
import { ingest } from "@/lib/mail/ingest";
import { makeDepartment, unique, uniqueEmail } from "@/tests/support/factories";
import { startDovecot } from "@/tests/support/dovecot";
import { connectLmtp } from "@/tests/support/lmtp-client";
import { buildRawMail, makeEmailAddress } from "@/tests/support/mail";
import { startAppServer, waitForApp } from "./support/bench";

export type MailBenchOptions = {
  pipeProcesses?: number;
  /** Deliveries an MTA runs at once (Postfix's local/pipe transports run several). */
  pipeConcurrency?: number;
  /** Messages through scripts/mail-pipe.sh → POST /api/mail, and over LMTP (also pipeConcurrency at once). */
  httpPipeProcesses?: number;
  /** Port of the production server the HTTP pipe posts to (LMTP listens on the next one). */
  port?: number;
  inProcess?: number;
  /** Concurrent ingests in one process (the concurrent in-process row). */
  concurrency?: number;
  imapMessages?: number;
};
export type MailBenchRow = { door: string; messages: number; ms: number; perSecond: number };

const IMAP_PORT = 14390;

function sampleMail(to: string, i: number) {
  const body = `Hello,\n\nmessage ${i}: ${"The quick brown fox jumps over the lazy dog. ".repeat(20)}\n\nRegards`;
  return buildRawMail({
    from: `Bench Sender ${i} <${uniqueEmail("bench")}>`,
    to,
    subject: `Bench ${i} ${unique()}`,
    messageId: `<${unique("bench")}@bench.test>`,
    body,
  });
}

function pipeOnce(raw: Buffer) {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["dist/mail-pipe.mjs"], {
      stdio: ["pipe", "ignore", "ignore"],
      env: process.env,
    });
    child.on("error", reject);
    child.on("close", resolve);
    child.stdin.end(raw);
  });
}

/** One delivery through the curl forwarder, as an MTA runs it. */
function httpPipeOnce(raw: Buffer, baseUrl: string, token: string) {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn("/bin/sh", ["scripts/mail-pipe.sh"], {
      stdio: ["pipe", "ignore", "ignore"],
      env: { NODE_ENV: "production", PATH: process.env.PATH, HELPDECK_URL: baseUrl, HELPDECK_PIPE_TOKEN: token },
    });
    child.on("error", reject);
    child.on("close", resolve);
    child.stdin.end(raw);
  });
}

/** Deliveries over LMTP to the running server, on `connections` connections at once (as an MTA's delivery agents). */
async function deliverOverLmtp(mails: Buffer[], to: string, port: number, connections: number) {
  const agents = await Promise.all(Array.from({ length: connections }, () => connectLmtp({ host: "127.0.0.1", port })));
  try {
    let next = 0;
    await Promise.all(agents.map(async (agent) => {
      while (next < mails.length) await agent.deliver(mails[next++]!, "bounce@bench.test", to);
    }));
  } finally {
    for (const agent of agents) agent.close();
  }
}

/**
 * The doors that store in the production server (scripts/server.ts) on this database: the HTTP pipe, with
 * a key that may only deliver mail and has no rate limit (as an MTA's key should), and LMTP. The server is
 * warmed up first: a help desk's server runs for days, and its first requests run unoptimised code.
 */
async function measureServerDoors(email: string, count: number, concurrency: number, port: number): Promise<{ httpPipeMs: number; lmtpMs: number }> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const lmtpPort = port + 1;
  const key = await createApiKey({ name: `bench mail ${new Date().toISOString()}`, permissions: ["mail/create"], rateLimitPerMinute: 0 });
  const app = startAppServer(port, "mail", [], { LMTP_LISTEN: `127.0.0.1:${lmtpPort}` });
  try {
    await waitForApp(app, baseUrl);
    const deliverAll = async (mails: Buffer[]) =>
      inParallel(mails, concurrency, async (raw) => {
        const code = await httpPipeOnce(raw, baseUrl, key.token);
        if (code !== 0) throw new Error(`mail-pipe.sh exited ${code}`);
      });
    await deliverAll(Array.from({ length: 40 }, (_, i) => sampleMail(email, i)));
    const mails = Array.from({ length: count }, (_, i) => sampleMail(email, i));
    let started = performance.now();
    await deliverAll(mails);
    const httpPipeMs = performance.now() - started;
    await deliverOverLmtp(Array.from({ length: 40 }, (_, i) => sampleMail(email, i)), email, lmtpPort, concurrency);
    const lmtpMails = Array.from({ length: count }, (_, i) => sampleMail(email, i));
    started = performance.now();
    await deliverOverLmtp(lmtpMails, email, lmtpPort, concurrency);
    return { httpPipeMs, lmtpMs: performance.now() - started };
  } finally {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await deleteApiKey(key.id);
  }
}

/** Runs of `command` per second, `concurrency` at once: with one that does nothing, the ceiling of any door that starts a process per message. */
export async function processStartRate(command: string[], count: number, concurrency: number): Promise<number> {
  const started = performance.now();
  await inParallel(Array.from({ length: count }, (_, i) => i), concurrency, () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(command[0]!, command.slice(1), { stdio: "ignore" });
      child.on("error", reject);
      child.on("close", () => resolve());
    }),
  );
  return rate(count, performance.now() - started);
}

const rate = (count: number, ms: number) => Math.round((count / (ms / 1000)) * 10) / 10;

/** Runs `work` over `items` from `concurrency` loops. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export async function runMailBench(options: MailBenchOptions = {}): Promise<MailBenchRow[]> {
  const pipeProcesses = options.pipeProcesses ?? 40;
  const pipeConcurrency = options.pipeConcurrency ?? 4;
  const httpPipeProcesses = options.httpPipeProcesses ?? 400;
  const inProcess = options.inProcess ?? 400;
  const concurrency = options.concurrency ?? 4;
  const imapMessages = options.imapMessages ?? 400;
  const department = await makeDepartment({ name: unique("Bench ") });
  const pipeAddress = await makeEmailAddress({ departmentId: department.id, smtpPort: 2690 });

  // 1. Pipe, one process per message (what an MTA does), several deliveries at once.
  let started = performance.now();
  await inParallel(Array.from({ length: pipeProcesses }, (_, i) => i), pipeConcurrency, async (i) => {
    const code = await pipeOnce(sampleMail(pipeAddress.email, i));
    if (code !== 0) throw new Error(`pipe exited ${code}`);
  });
  const pipeMs = performance.now() - started;
  const { httpPipeMs, lmtpMs } = await measureServerDoors(pipeAddress.email, httpPipeProcesses, pipeConcurrency, options.port ?? 3750);

  // 2. The same entry (ingest) in one process: the cost of storing, without process start-up; one at a
  // time, then several at once (what parallel deliveries cost the database).
  const storeAll = async (mails: Buffer[], parallel: number) => {
    const t0 = performance.now();
    await inParallel(mails, parallel, async (raw) => {
      const result = await ingest(raw, "pipe");
      if (result.status !== "stored") throw new Error(`ingest: ${result.status}`);
    });
    return performance.now() - t0;
  };
  const inProcessMs = await storeAll(Array.from({ length: inProcess }, (_, i) => sampleMail(pipeAddress.email, i)), 1);
  const concurrentMs = await storeAll(Array.from({ length: inProcess }, (_, i) => sampleMail(pipeAddress.email, i)), concurrency);

  // 3. IMAP: Dovecot on loopback, every message unseen, one fetch pass.
  const mailbox = { user: "bench", password: "bench-password" };
  const dovecot = await startDovecot(IMAP_PORT, [mailbox]);
  let imapMs = 0;
  let imapStored = 0;
  try {
    const imapAddress = await makeEmailAddress({
      departmentId: department.id,
      smtpPort: 2690,
      imap: { port: IMAP_PORT, ...mailbox },
    });
    const ids: string[] = [];
    const client = dovecot.client(mailbox.user);
    await client.connect();
    for (let i = 0; i < imapMessages; i++) {
      const raw = sampleMail(imapAddress.email, i);
      ids.push(/Message-ID: (<[^>]+>)/.exec(raw.toString())![1]!);
      await client.append("INBOX", raw, []);
    }
    await client.logout();
    started = performance.now();
    const report = await fetchMailbox((await getEmailAddress(db, imapAddress.id))!, { batchSize: 50 });
    imapMs = performance.now() - started;
    if (report.error) throw new Error(report.error);
    imapStored = (
      await db.select({ id: messages.id }).from(messages).where(inArray(messages.emailMessageId, ids))
    ).length;
    await db.update(emailAddresses).set({ incoming: "none" }).where(eq(emailAddresses.id, imapAddress.id));
  } finally {
    await dovecot.stop();
  }

  return [
    { door: `Pipe, one process per message (\`dist/mail-pipe.mjs\`, bundled), ${pipeConcurrency} deliveries at once`, messages: pipeProcesses, ms: pipeMs, perSecond: rate(pipeProcesses, pipeMs) },
    { door: `Pipe over HTTP (\`scripts/mail-pipe.sh\` → \`POST /api/mail\`), one process per message, ${pipeConcurrency} deliveries at once`, messages: httpPipeProcesses, ms: httpPipeMs, perSecond: rate(httpPipeProcesses, httpPipeMs) },
    { door: `LMTP to the server (\`LMTP_LISTEN\`), ${pipeConcurrency} connections at once`, messages: httpPipeProcesses, ms: lmtpMs, perSecond: rate(httpPipeProcesses, lmtpMs) },
    { door: "Pipe entry in one process (`ingest`), one at a time", messages: inProcess, ms: inProcessMs, perSecond: rate(inProcess, inProcessMs) },
    { door: `Pipe entry in one process (\`ingest\`), ${concurrency} at once`, messages: inProcess, ms: concurrentMs, perSecond: rate(inProcess, concurrentMs) },
    { door: "IMAP fetch, one pass (`fetchMailbox`, batches of 50)", messages: imapStored, ms: imapMs, perSecond: rate(imapStored, imapMs) },
  ];
}

export const mailTable = (rows: MailBenchRow[]) =>
  [
    "| Door | Messages | Time | Messages/s |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map((row) => `| ${row.door} | ${row.messages} | ${(row.ms / 1000).toFixed(1)} s | ${row.perSecond} |`),
  ].join("\n");

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const rows = await runMailBench();
  const load = `${loadBefore.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`;
  const report = [
    "# Inbound mail throughput",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`scripts/bench-mail.ts\` on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}),`,
    `Node ${process.version}, MariaDB on loopback, Dovecot ${"2.3"} on loopback. Each message opens a new ticket: ~1 KB of text,`,
    "a new customer, and the confirmation mail written to the outbox in the same transaction.",
    `1-minute load average ${load} (the bench's own processes count; anything above that shared the machine).`,
    "",
    mailTable(rows),
    "",
    "The Node pipe's figure is dominated by Node's start-up and loading the bundled app (dist/mail-pipe.mjs),",
    "which an MTA pays per message; the HTTP pipe pays a shell and curl per message and stores in the running",
    "server; the in-process figures are the cost of parsing, deduplicating and storing.",
    "",
  ].join("\n");
  mkdirSync("bench", { recursive: true });
  writeFileSync("bench/mail.md", report);
  console.log(report);
}

if (process.argv[1]?.endsWith("bench-mail.ts")) {
  main()
    .then(() => pool.end())
    .catch(async (error: unknown) => {
      console.error(error);
      await pool.end();
      process.exit(1);
    });
}
