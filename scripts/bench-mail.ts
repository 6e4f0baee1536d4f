// Inbound mail throughput: messages/s through the pipe door (one process per message, as an MTA runs it,
// and the ingest function in one process) and through the IMAP fetcher against a local Dovecot.
// Writes bench/mail.md. Uses DATABASE_URL; run it on a scratch database, e.g.:
//   HELPDECK_TEST_DB=helpdeck_bench_mail source scripts/test-env.sh && npx tsx scripts/migrate.ts && npx tsx scripts/bench-mail.ts
import "./load-env";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { eq, inArray } from "drizzle-orm";
import { db, pool } from "@/db";
import { emailAddresses, messages } from "@/db/schema";
import { getEmailAddress } from "@/lib/mail/addresses";
import { fetchMailbox } from "@/lib/mail/imap";
import { ingest } from "@/lib/mail/ingest";
import { makeDepartment, unique, uniqueEmail } from "@/tests/support/factories";
import { startDovecot } from "@/tests/support/dovecot";
import { buildRawMail, makeEmailAddress } from "@/tests/support/mail";

const PIPE_PROCESSES = Number(process.env.BENCH_PIPE_PROCESSES ?? 30);
const IN_PROCESS = Number(process.env.BENCH_IN_PROCESS ?? 300);
const IMAP_MESSAGES = Number(process.env.BENCH_IMAP ?? 300);
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
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mail-pipe.ts"], {
      stdio: ["pipe", "ignore", "ignore"],
      env: process.env,
    });
    child.on("error", reject);
    child.on("close", resolve);
    child.stdin.end(raw);
  });
}

const rate = (count: number, ms: number) => (count / (ms / 1000)).toFixed(1);

async function main() {
  const department = await makeDepartment({ name: unique("Bench ") });
  const pipeAddress = await makeEmailAddress({ departmentId: department.id, smtpPort: 2690 });

  // 1. Pipe, one process per message (what an MTA does).
  let started = performance.now();
  for (let i = 0; i < PIPE_PROCESSES; i++) {
    const code = await pipeOnce(sampleMail(pipeAddress.email, i));
    if (code !== 0) throw new Error(`pipe exited ${code}`);
  }
  const pipeMs = performance.now() - started;

  // 2. The same entry (ingest) in one process: the cost of storing, without process start-up.
  const inProcessMails = Array.from({ length: IN_PROCESS }, (_, i) => sampleMail(pipeAddress.email, i));
  started = performance.now();
  for (const raw of inProcessMails) {
    const result = await ingest(raw, "pipe");
    if (result.status !== "stored") throw new Error(`ingest: ${result.status}`);
  }
  const inProcessMs = performance.now() - started;

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
    for (let i = 0; i < IMAP_MESSAGES; i++) {
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

  const rows = [
    [
      "Pipe, one process per message (`scripts/mail-pipe.ts`)",
      PIPE_PROCESSES,
      pipeMs,
      rate(PIPE_PROCESSES, pipeMs),
    ],
    [
      "Pipe entry in one process (`ingest`, sequential)",
      IN_PROCESS,
      inProcessMs,
      rate(IN_PROCESS, inProcessMs),
    ],
    ["IMAP fetch, one pass (`fetchMailbox`, batches of 50)", imapStored, imapMs, rate(imapStored, imapMs)],
  ] as const;
  const report = [
    "# Inbound mail throughput",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`scripts/bench-mail.ts\` on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}),`,
    `Node ${process.version}, MariaDB on loopback, Dovecot ${"2.3"} on loopback. Each message opens a new ticket: ~1 KB of text,`,
    "a new customer, and the confirmation mail written to the outbox in the same transaction.",
    "",
    "| Door | Messages | Time | Messages/s |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      ([door, count, ms, perSecond]) => `| ${door} | ${count} | ${(ms / 1000).toFixed(1)} s | ${perSecond} |`,
    ),
    "",
    "The one-process-per-message figure is dominated by Node and TypeScript start-up (tsx), which is what an",
    "MTA pipe pays per message; the in-process figure is the cost of parsing, deduplicating and storing.",
    "",
  ].join("\n");
  mkdirSync("bench", { recursive: true });
  writeFileSync("bench/mail.md", report);
  console.log(report);
}

main()
  .then(() => pool.end())
  .catch(async (error: unknown) => {
    console.error(error);
    await pool.end();
    process.exit(1);
  });
