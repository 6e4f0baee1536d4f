// HelpDeskZ import bench: generates a HelpDeskZ 2 database (helpdeck_bench_hdz_src: 100,000 tickets,
// 500,000 messages, 20,000 customers, notes, attachment files) with multi-row INSERTs, imports it into a
// freshly migrated helpdeck_bench_import with the same code as `npm run import:helpdeskz`, and writes
// bench/import.md (machine, load, rows, time, rows/s, peak RSS of the import process).
//
//   npm run bench:import [-- --tickets 100000 --messages-per-ticket 5 --batch 1000 --label after --out bench/import.md]
//
// The source database is generated on the first run and reused while it has the requested size.
import "./load-env";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import mysql from "mysql2/promise";
import { z } from "zod";
import { createHelpdeskzDatabase, databaseUrl, dropDatabase, phpSerialize } from "../tests/support/helpdeskz";

// Not strict: `npm run bench -- …` hands every bench the same arguments, some meant for the others.
const { values: rawValues } = parseArgs({
  strict: false,
  options: {
    tickets: { type: "string", default: "100000" },
    "messages-per-ticket": { type: "string", default: "5" },
    batch: { type: "string", default: "1000" },
    out: { type: "string", default: "bench/import.md" },
    label: { type: "string", default: "" },
    // Internal: the child process that runs the import and reports its own figures.
    phase: { type: "string", default: "" },
    from: { type: "string", default: "" },
    attachments: { type: "string", default: "" },
  },
});

const values = z
  .object({
    tickets: z.string().regex(/^\d+$/),
    "messages-per-ticket": z.string().regex(/^\d+$/),
    batch: z.string().regex(/^\d+$/),
    out: z.string(),
    label: z.string(),
    phase: z.string(),
    from: z.string(),
    attachments: z.string(),
  })
  .parse(rawValues);

const ticketCount = Number(values.tickets);
const perTicket = Number(values["messages-per-ticket"]);
const messageCount = ticketCount * perTicket;
const userCount = Math.max(10, Math.round(ticketCount / 5));
const noteCount = Math.round(ticketCount / 5);
const attachmentCount = Math.round(ticketCount / 20);
const departmentCount = 6;
const staffCount = 20;

const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL!;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(new URL(base).hostname)) {
  throw new Error("The bench creates and drops databases: point DATABASE_URL at a local server.");
}
const sourceName = "helpdeck_bench_hdz_src";
const targetName = "helpdeck_bench_import";
const sourceUrl = databaseUrl(base, sourceName);
const targetUrl = databaseUrl(base, targetName);
const workDir = path.resolve(".data/bench-import");
const hdzFiles = path.join(workDir, "hdz-attachments");

const log = (message: string) => console.error(`› ${message}`);

/** A small deterministic generator, so every run imports the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const words =
  "invoice printer login password refund shipping order account error update delivery screen report export crash billing".split(
    " ",
  );

async function insertMany(c: mysql.Connection, sql: string, rows: unknown[][], chunk = 2000) {
  for (let i = 0; i < rows.length; i += chunk) await c.query(sql, [rows.slice(i, i + chunk)]);
}

async function sourceIsReady(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: sourceUrl });
    try {
      const [[row]] = (await c.query(
        "SELECT (SELECT COUNT(*) FROM hdz_tickets) AS t, (SELECT COUNT(*) FROM hdz_tickets_messages) AS m, (SELECT COUNT(*) FROM hdz_emails) AS e",
      )) as unknown as [{ t: number; m: number; e: number }[]];
      return Number(row!.t) === ticketCount && Number(row!.m) === messageCount && Number(row!.e) > 0;
    } finally {
      await c.end();
    }
  } catch {
    return false;
  }
}

async function generate() {
  const started = Date.now();
  const c = await createHelpdeskzDatabase(base, sourceName);
  const rnd = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const t0 = 1_600_000_000;
  try {
    const hash = bcrypt.hashSync("bench-password", 8).replace(/^\$2b\$/, "$2y$");
    await c.query(
      "INSERT INTO hdz_config (id, site_name, page_size, date_format, timezone, login_attempt, login_attempt_minutes, reply_order, tickets_page, tickets_replies, overdue_time, ticket_autoclose, ticket_attachment, ticket_attachment_number, ticket_file_size, ticket_file_type) VALUES (1, 'Bench Desk', 25, 'd F Y h:i a', 'UTC', 3, 5, 'asc', 25, 15, 48, 96, 1, 3, 2, ?)",
      [phpSerialize(["jpg", "png", "pdf", "txt"])],
    );
    await insertMany(
      c,
      "INSERT INTO hdz_departments (id, dep_order, name, private) VALUES ?",
      Array.from({ length: departmentCount }, (_, i) => [
        i + 1,
        i + 1,
        `Department ${i + 1}`,
        i === 5 ? 1 : 0,
      ]),
    );
    await insertMany(c, "INSERT INTO hdz_priority (id, name, color) VALUES ?", [
      [1, "Low", "#8A8A8A"],
      [2, "Medium", "#000000"],
      [3, "High", "#F07D18"],
      [4, "Urgent", "#E826C6"],
    ]);
    await insertMany(
      c,
      "INSERT INTO hdz_staff (id, username, password, fullname, email, registration, department, admin, active) VALUES ?",
      Array.from({ length: staffCount }, (_, i) => [
        i + 1,
        `agent${i + 1}`,
        hash,
        `Agent ${i + 1}`,
        `agent${i + 1}@bench.test`,
        t0,
        phpSerialize([String((i % departmentCount) + 1)]),
        i === 0 ? 1 : 0,
        1,
      ]),
    );
    await insertMany(
      c,
      "INSERT INTO hdz_custom_fields (id, type, title, value, required, departments, display) VALUES ?",
      [
        [1, "select", "Product", "Widget\nGadget\nGizmo", 0, "", 1],
        [2, "text", "Order number", "", 0, "", 2],
      ],
    );
    log(`generating ${userCount.toLocaleString("en")} users`);
    await insertMany(
      c,
      "INSERT INTO hdz_users (id, fullname, email, password, registration, last_login, status) VALUES ?",
      Array.from({ length: userCount }, (_, i) => [
        i + 1,
        `Customer ${i + 1}`,
        `customer${i + 1}@bench.test`,
        hash,
        t0 + i,
        0,
        1,
      ]),
    );

    log(
      `generating ${ticketCount.toLocaleString("en")} tickets and ${messageCount.toLocaleString("en")} messages`,
    );
    const chunk = 2000;
    for (let first = 1; first <= ticketCount; first += chunk) {
      const tickets: unknown[][] = [];
      const messages: unknown[][] = [];
      for (let id = first; id < Math.min(first + chunk, ticketCount + 1); id++) {
        const date = t0 + id * 60;
        const customVars =
          id % 3 === 0
            ? phpSerialize([
                { title: "Product", value: pick(["Widget", "Gadget", "Gizmo"]) },
                { title: "Order number", value: `A-${id}` },
              ])
            : "";
        tickets.push([
          id,
          1 + (id % departmentCount),
          1 + (id % 4),
          1 + Math.floor(rnd() * userCount),
          `${pick(words)} ${pick(words)} problem #${id}`,
          date,
          date + perTicket * 3600,
          1 + (id % 5),
          perTicket - 1,
          0,
          customVars,
        ]);
        for (let k = 0; k < perTicket; k++) {
          const customer = k % 2 === 0;
          const text = Array.from({ length: 20 + Math.floor(rnd() * 40) }, () => pick(words)).join(" ");
          messages.push([
            (id - 1) * perTicket + k + 1,
            id,
            date + k * 3600,
            customer ? 1 : 0,
            customer ? 0 : 1 + Math.floor(rnd() * staffCount),
            customer ? `Hello,<br />\r\n${text}<br />\r\nThanks` : `<p>${text}</p><p>Regards</p>`,
            customer ? "203.0.113.7" : "",
            customer ? 1 : 0,
          ]);
        }
      }
      await c.query(
        "INSERT INTO hdz_tickets (id, department_id, priority_id, user_id, subject, date, last_update, status, replies, last_replier, custom_vars) VALUES ?",
        [tickets],
      );
      await insertMany(
        c,
        "INSERT INTO hdz_tickets_messages (id, ticket_id, date, customer, staff_id, message, ip, email) VALUES ?",
        messages,
      );
    }
    log(
      `generating ${noteCount.toLocaleString("en")} notes, ${attachmentCount.toLocaleString("en")} attachment files`,
    );
    await insertMany(
      c,
      "INSERT INTO hdz_ticket_notes (id, ticket_id, staff_id, date, message) VALUES ?",
      Array.from({ length: noteCount }, (_, i) => [
        i + 1,
        1 + ((i * 5) % ticketCount),
        1 + (i % staffCount),
        t0 + i * 300,
        `Called the customer &amp; left a message (${i + 1})`,
      ]),
    );
    rmSync(hdzFiles, { recursive: true, force: true });
    mkdirSync(hdzFiles, { recursive: true });
    const attachments: unknown[][] = [];
    for (let i = 1; i <= attachmentCount; i++) {
      const ticketId = 1 + ((i * 20) % ticketCount);
      const enc = `${t0 + i}_${i.toString(16).padStart(8, "0")}.txt`;
      const data = Buffer.from(`attachment ${i}\n`.repeat(50 + (i % 200)));
      writeFileSync(path.join(hdzFiles, enc), data);
      attachments.push([
        i,
        `log-${i}.txt`,
        enc,
        "text/plain",
        0,
        ticketId,
        (ticketId - 1) * perTicket + 1,
        String(data.length),
      ]);
    }
    await insertMany(
      c,
      "INSERT INTO hdz_attachments (id, name, enc, filetype, article_id, ticket_id, msg_id, filesize) VALUES ?",
      attachments,
    );
    await insertMany(
      c,
      "INSERT INTO hdz_canned_response (id, title, message, position, date, staff_id) VALUES ?",
      Array.from({ length: 20 }, (_, i) => [
        i + 1,
        `Canned ${i + 1}`,
        `<p>Canned answer ${i + 1}</p>`,
        i + 1,
        t0,
        1,
      ]),
    );
    await insertMany(
      c,
      "INSERT INTO hdz_kb_category (id, name, position, parent, public) VALUES ?",
      Array.from({ length: 10 }, (_, i) => [i + 1, `Category ${i + 1}`, i + 1, 0, 1]),
    );
    await insertMany(
      c,
      "INSERT INTO hdz_articles (id, title, content, category, staff_id, date, last_update, views, public) VALUES ?",
      Array.from({ length: 200 }, (_, i) => [
        i + 1,
        `How to ${pick(words)} ${i + 1}`,
        `<p>${Array.from({ length: 80 }, () => pick(words)).join(" ")}</p>`,
        1 + (i % 10),
        1,
        t0,
        t0,
        i,
        1,
      ]),
    );
    await c.query(
      "INSERT INTO hdz_emails (id, `default`, name, email, department_id, created, outgoing_type, smtp_host, smtp_port, smtp_encryption, smtp_username, smtp_password) VALUES (1, 1, 'Bench Desk', 'support@bench.test', 1, ?, 'smtp', 'smtp.bench.test', '587', 'tls', 'support', 'secret')",
      [t0],
    );
    await c.query(
      "INSERT INTO hdz_emails_tpl (id, position, name, subject, message, status) VALUES ('new_ticket', 1, 'New ticket', '[#%ticket_id%] %ticket_subject%', '<p>Dear %client_name%,</p><p>%support_url%</p>', 1), ('staff_reply', 2, 'Staff Reply', 'Re: [#%ticket_id%] %ticket_subject%', '<p>%message%</p>', 1)",
    );
    await c.query(
      "INSERT INTO hdz_api (id, name, token, date, last_update, permissions, ip_address, active) VALUES (1, 'Bench', ?, ?, ?, ?, '', 1)",
      ["BenchToken".padEnd(60, "x"), t0, t0, phpSerialize({ tickets: { read: "1" } })],
    );
  } finally {
    await c.end();
  }
  log(`source generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

/** Child: runs the import in a fresh process, so its peak RSS is the import's alone. */
async function importPhase() {
  const { importHelpdeskz } = await import("@/lib/import/helpdeskz");
  const { pool } = await import("@/db");
  const started = performance.now();
  let last = 0;
  // Time and rows per phase: each progress event closes the span since the one before.
  const phases = new Map<string, { ms: number; rows: number }>();
  let spanStart = started;
  let doneBefore = 0;
  const account = (phase: string, done: number) => {
    const now = performance.now();
    const entry = phases.get(phase) ?? { ms: 0, rows: 0 };
    entry.ms += now - spanStart;
    entry.rows += done - doneBefore;
    phases.set(phase, entry);
    spanStart = now;
    doneBefore = done;
  };
  let lastPhase = "";
  const report = await importHelpdeskz({
    from: values.from,
    attachmentsDir: values.attachments,
    batchSize: Number(values.batch),
    onProgress: ({ phase, done, total, elapsedMs }) => {
      account(phase, done);
      lastPhase = phase;
      if (Date.now() - last < 5000) return;
      last = Date.now();
      console.error(
        `  ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows · ${Math.round((done / elapsedMs) * 1000).toLocaleString("en")} rows/s · ${phase}`,
      );
    },
  });
  account(lastPhase, doneBefore);
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  const entities = Object.fromEntries(
    [...report.entities.values()].map((e) => [
      e.name,
      { read: e.read, imported: e.imported, skipped: e.skippedCount },
    ]),
  );
  process.stdout.write(
    JSON.stringify({
      seconds,
      maxRssKb: process.resourceUsage().maxRSS,
      entities,
      phases: Object.fromEntries(phases),
    }),
  );
}

async function main() {
  if (values.phase === "import") return importPhase();

  mkdirSync(workDir, { recursive: true });
  if (await sourceIsReady()) log(`${sourceName} already holds ${ticketCount.toLocaleString("en")} tickets`);
  else await generate();

  log(`fresh ${targetName}`);
  await dropDatabase(base, targetName);
  const targetFiles = path.join(workDir, "helpdeck-attachments");
  rmSync(targetFiles, { recursive: true, force: true });
  const env = { ...process.env, DATABASE_URL: targetUrl, ATTACHMENTS_DIR: targetFiles, MAIL_WORKER: "off" };
  await run("npx", ["tsx", "scripts/migrate.ts"], env);

  const loadBefore = os.loadavg();
  log("importing");
  const output = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/bench-import.ts",
      "--phase",
      "import",
      "--from",
      sourceUrl,
      "--attachments",
      hdzFiles,
      "--batch",
      values.batch,
    ],
    env,
  );
  const loadAfter = os.loadavg();
  const result = JSON.parse(output) as {
    seconds: number;
    maxRssKb: number;
    entities: Record<string, { read: number; imported: number; skipped: number }>;
    phases: Record<string, { ms: number; rows: number }>;
  };
  const totalRows = Object.values(result.entities).reduce((n, e) => n + e.read, 0);
  const rate = (rows: number) => Math.round(rows / result.seconds).toLocaleString("en");
  const cpu = os.cpus();
  const header = [
    "# HelpDeskZ import bench",
    "",
    "Generated by `npm run bench:import` (scripts/bench-import.ts): a generated HelpDeskZ 2 database imported with `importHelpdeskz`",
    "(the code behind `npm run import:helpdeskz`) into a freshly migrated database, one transaction per batch. Newest run first.",
    "",
  ];
  const section = [
    `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${values.label ? `: ${values.label}` : ""}`,
    "",
    `- machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; MariaDB on the same machine`,
    `- load average: ${loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${loadAfter.map((l) => l.toFixed(2)).join(" ")} after (shared machine)`,
    `- batch: ${values.batch} rows a transaction`,
    `- **${totalRows.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s: ${rate(totalRows)} rows/s**; peak RSS of the import process ${(result.maxRssKb / 1024).toFixed(0)} MB`,
    "",
    "| phase | rows | seconds | rows/s |",
    "| --- | ---: | ---: | ---: |",
    ...Object.entries(result.phases)
      .filter(([, p]) => p.ms >= 50)
      .map(
        ([name, p]) =>
          `| ${name} | ${p.rows.toLocaleString("en")} | ${(p.ms / 1000).toFixed(1)} | ${p.rows ? Math.round(p.rows / (p.ms / 1000)).toLocaleString("en") : "–"} |`,
      ),
    "",
    "| entity | read | imported | skipped |",
    "| --- | ---: | ---: | ---: |",
    ...Object.entries(result.entities).map(
      ([name, e]) =>
        `| ${name} | ${e.read.toLocaleString("en")} | ${e.imported.toLocaleString("en")} | ${e.skipped.toLocaleString("en")} |`,
    ),
    "",
  ];
  // Earlier runs stay below the new one, so a change's before and after sit side by side.
  const earlier = existsSync(values.out)
    ? readFileSync(values.out, "utf8")
        .split(/^(?=## )/m)
        .slice(1)
    : [];
  const lines = [...header, ...section, ...earlier.slice(0, 4).map((s) => s.trimEnd() + "\n")];
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, lines.join("\n"));
  log(
    `${totalRows.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s (${rate(totalRows)} rows/s), peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB → ${values.out}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
