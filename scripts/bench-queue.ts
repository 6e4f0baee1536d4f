// Agent queue and ticket page bench: signs in as an admin and as an agent (2 departments), requests the
// queue page (/agent) for each view, a department filter, keyword searches (a rare word, an email, a
// common word, a word common elsewhere but absent from the agent's departments), a subject sort and a
// deep page, and the ticket page (/agent/tickets/<id>) of a ~5-message and of a 200-message thread;
// reports p50/p95 per scenario (full server-rendered HTML over HTTP, production build) with the EXPLAIN
// of each statement the queue page runs, into bench/queue.md.
//
//   NEXT_DIST_DIR=.data/next-scale NODE_ENV=production npx next build      (the build must exist)
//   NEXT_DIST_DIR=.data/next-scale npm run bench:queue [-- --database helpdeck_bench_scale]
//       [--runs 50 --budget 30 --port 3710 --label after --only search --out bench/queue.md]
//
// Its own database (helpdeck_bench_queue, the default) is created, migrated and filled with 1,000,000
// tickets in bulk SQL on the first run. Any other --database must already be filled (the standard scale
// data set, helpdeck_bench_scale: staff sign in with "scale-bench-password"); it is migrated, never
// refilled; the bench adds its two thread tickets (subjects "Bench thread of N messages") once.
// `runQueueBench(options)` returns the figures for the `npm run bench` orchestrator. It points
// DATABASE_URL at its database before it loads the app's modules: call it in a process that has not
// loaded `@/db` for another database.
import "./load-env";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type mysqlTypes from "mysql2/promise";
import { cookieHeader, log, pointAtBenchDatabase, run, signInStaff, startAppServer, waitForApp } from "./support/bench";

const ownDatabase = "helpdeck_bench_queue";
const ownPassword = "queue-bench-password";
/** The password of every staff member of the standard scale data set (scripts/support/scale-data.ts). */
const scalePassword = "scale-bench-password";

const departmentCount = 6;
const staffCount = 20;
const customerCount = 50_000;

export type QueueBenchOptions = {
  /** Database on the local server; only helpdeck_bench_queue is filled by this script. */
  database?: string;
  /** Tickets to fill helpdeck_bench_queue with (ignored for other databases). */
  tickets?: number;
  /** Requests per scenario after a warm-up, and the seconds a scenario may take at most. */
  runs?: number;
  budgetSeconds?: number;
  port?: number;
  /** Only the scenarios whose name contains this text. */
  only?: string;
  /** Also EXPLAIN each queue statement per scenario (the CLI's report does). */
  explain?: boolean;
};

export type QueueScenarioResult = { who: string; name: string; url: string; p50: number; p95: number; n: number };

export type QueueBenchResult = {
  database: string;
  data: { tickets: number; messages: number; departments: number; staff: number; customers: number };
  cores: number;
  loadAverage: number[];
  runs: number;
  budgetSeconds: number;
  results: QueueScenarioResult[];
  explains: string[];
};

/** Creates and fills the bench database unless it already holds the tickets. */
async function fill(benchUrl: URL, ticketCount: number) {
  const mysql = await import("mysql2/promise");
  const server = new URL(benchUrl);
  const name = server.pathname.slice(1);
  server.pathname = "/";
  const connection = await mysql.createConnection({ uri: server.toString(), multipleStatements: false });
  try {
    const [dbs] = (await connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name])) as unknown as [unknown[]];
    if (dbs.length) {
      const [tables] = (await connection.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tickets'", [name])) as unknown as [unknown[]];
      if (tables.length) {
        const [[row]] = (await connection.query(`SELECT COUNT(*) AS n FROM \`${name}\`.tickets`)) as unknown as [{ n: number }[]];
        if (Number(row!.n) >= ticketCount) {
          log(`${name} already holds ${Number(row!.n).toLocaleString("en")} tickets`);
          return false;
        }
      }
      log(`${name} is not filled: recreating it`);
      await connection.query(`DROP DATABASE \`${name}\``);
    }
  } finally {
    await connection.end();
  }
  await run("npx", ["tsx", "scripts/migrate.ts"]);

  const { hashPassword } = await import("@/lib/auth/password");
  const { rebuildTicketSearch } = await import("@/lib/tickets/search");
  const load = await mysql.createConnection({ uri: benchUrl.toString() });
  // The search index's triggers are skipped for the bulk load and the index built once at the end.
  await load.query("SET @helpdeck_bulk_load = 1");
  const exec = async (label: string, query: string) => {
    const t0 = Date.now();
    await load.query(query);
    log(`${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const started = Date.now();
  log(`filling ${name} with ${ticketCount.toLocaleString("en")} tickets…`);
  await exec("departments", `INSERT INTO departments (name, is_private, sort_order) SELECT CONCAT('Department ', seq), 0, seq FROM seq_1_to_${departmentCount}`);
  await exec("priorities", "INSERT INTO priorities (name, color, sort_order) VALUES ('Low', '#64748b', 1), ('Normal', '#2563eb', 2), ('High', '#ea580c', 3), ('Urgent', '#dc2626', 4)");
  await exec(
    "customers",
    `INSERT INTO users (fullname, email) SELECT CONCAT(ELT(1 + seq % 8, 'Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis'), ' Customer', seq), CONCAT('customer', seq, '@example.test') FROM seq_1_to_${customerCount}`,
  );
  const hash = (await hashPassword(ownPassword)).replace(/'/g, "''");
  // Staff 1 is the admin; agents 2..20 work in two neighbouring departments each.
  await exec(
    "staff",
    `INSERT INTO staff (username, fullname, email, password_hash, role) SELECT IF(seq = 1, 'bench-admin', CONCAT('bench-agent', seq)), CONCAT('Bench agent ', seq), CONCAT('agent', seq, '@staff.test'), '${hash}', IF(seq = 1, 'admin', 'agent') FROM seq_1_to_${staffCount}`,
  );
  await exec(
    "staff departments",
    `INSERT INTO staff_departments (staff_id, department_id) SELECT s.id, d.id FROM staff s JOIN departments d ON d.sort_order IN (1 + (s.id - (SELECT MIN(id) FROM staff)) % ${departmentCount}, 1 + (s.id - (SELECT MIN(id) FROM staff) + 1) % ${departmentCount}) WHERE s.role = 'agent'`,
  );
  // Three years of tickets, oldest first (~900 a day). Older tickets are closed but for 1% left open; of
  // the last month's, half are still open, awaiting a reply, in progress or answered. 5 in 6 are assigned.
  const recent = ticketCount - 30_000;
  for (let from = 1; from <= ticketCount; from += 200_000) {
    const to = Math.min(ticketCount, from + 199_999);
    await exec(
      `tickets ${from}-${to}`,
      `INSERT INTO tickets (public_token, subject, user_id, department_id, priority_id, status, assigned_staff_id, source, replies,
                            last_replier_type, created_at, first_response_at, closed_at, last_update_at)
       SELECT SHA2(CONCAT('queue-bench-', t.seq), 256),
              CONCAT(ELT(1 + t.seq % 12, 'Printer', 'Invoice', 'Password', 'Login', 'Refund', 'Shipping', 'VPN', 'Email', 'Laptop', 'Account', 'Order', 'Billing'),
                     ' ', ELT(1 + (t.seq DIV 12) % 8, 'not working', 'question', 'broken after the update', 'request', 'error', 'is slow', 'missing', 'help needed')),
              u.first_id + (t.seq * 7919) % ${customerCount},
              d.first_id + t.seq % ${departmentCount},
              IF(t.seq % 5 = 0, NULL, p.first_id + t.seq % 4),
              t.status,
              IF(t.seq % 6 = 0, NULL, st.first_id + t.seq % ${staffCount}),
              ELT(1 + t.seq % 3, 'web', 'email', 'api'),
              t.seq % 4,
              IF(t.status IN (2, 5), 'staff', 'user'),
              t.created_at,
              IF(t.status IN (1), NULL, t.created_at + INTERVAL (t.seq % 2880) MINUTE),
              IF(t.status = 5, LEAST(NOW(), t.created_at + INTERVAL (1 + t.seq % 10) DAY), NULL),
              LEAST(NOW(), IF(t.status = 5, t.created_at + INTERVAL (1 + t.seq % 10) DAY, t.created_at + INTERVAL (t.seq % 96) HOUR))
       FROM (SELECT seq,
                    IF(seq > ${recent}, ELT(1 + seq % 10, 1, 1, 3, 4, 2, 5, 5, 5, 5, 5), IF(seq % 100 = 0, 1 + (seq DIV 100) % 4, 5)) AS status,
                    NOW() - INTERVAL FLOOR((${ticketCount} - seq) * 94.608) SECOND AS created_at
             FROM seq_${from}_to_${to}) t
       CROSS JOIN (SELECT MIN(id) AS first_id FROM users) u
       CROSS JOIN (SELECT MIN(id) AS first_id FROM departments) d
       CROSS JOIN (SELECT MIN(id) AS first_id FROM priorities) p
       CROSS JOIN (SELECT MIN(id) AS first_id FROM staff) st`,
    );
  }
  // One opening message per ticket; "ref<n>" is a rare word (about 200 tickets each) for searches.
  for (let from = 0; from < ticketCount; from += 200_000) {
    await exec(
      `messages ${from + 1}-${from + 200_000}`,
      `INSERT INTO messages (ticket_id, author_type, user_id, body, body_format, created_at)
       SELECT t.id, 'user', t.user_id,
              CONCAT('Hello, ', ELT(1 + t.id % 6, 'the printer prints blank pages', 'my invoice shows the wrong amount', 'I cannot reset my password',
                     'the parcel has not arrived', 'the VPN drops every few minutes', 'the laptop will not start'),
                     ' since yesterday. Reference ref', t.id % 5000, '. Thanks.'),
              'text', t.created_at
       FROM tickets t JOIN (SELECT MIN(id) AS first_id FROM tickets) f
       WHERE t.id >= f.first_id + ${from} AND t.id < f.first_id + ${from + 200_000}`,
    );
  }
  await rebuildTicketSearch((statement) => exec(statement.slice(0, 60), statement));
  await exec("analyze", "ANALYZE TABLE tickets, messages, users, departments, staff, staff_departments, ticket_search");
  await load.end();
  log(`filled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;


async function scalar(connection: mysqlTypes.Connection, query: string, params: unknown[] = []): Promise<number> {
  const [[row]] = (await connection.query(query, params)) as unknown as [Record<string, unknown>[]];
  return Number(Object.values(row ?? {})[0] ?? 0);
}

/**
 * A ticket in `departmentId` with a thread of `count` messages (customer and staff alternating, a note
 * every tenth), created once and found again by its subject on later runs.
 */
async function ensureThread(connection: mysqlTypes.Connection, departmentId: number, count: number): Promise<number> {
  const subject = `Bench thread of ${count} messages`;
  const existing = await scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM tickets WHERE subject = ?", [subject]);
  if (existing) return existing;
  const userId = await scalar(connection, "SELECT MIN(id) FROM users");
  const staffId = await scalar(connection, "SELECT MIN(id) FROM staff");
  const [inserted] = (await connection.query(
    `INSERT INTO tickets (public_token, subject, user_id, department_id, status, source, replies, last_replier_type, created_at, last_update_at)
     VALUES (SHA2(CONCAT('queue-bench-thread-', ?), 256), ?, ?, ?, 4, 'email', ?, 'user', NOW() - INTERVAL ? HOUR, NOW() - INTERVAL 1 HOUR)`,
    [count, subject, userId, departmentId, count - 1, count],
  )) as unknown as [{ insertId: number }];
  const ticketId = inserted.insertId;
  await connection.query(
    `INSERT INTO messages (ticket_id, author_type, user_id, staff_id, is_note, body, body_format, created_at)
     SELECT ?, IF(seq % 2 = 1, 'user', 'staff'), IF(seq % 2 = 1, ?, NULL), IF(seq % 2 = 1, NULL, ?), seq % 10 = 0,
            CONCAT('Message ', seq, ' of the thread. ', REPEAT('The printer still prints blank pages after the driver update. ', 1 + seq % 8)),
            'text', NOW() - INTERVAL (? - seq) HOUR
     FROM seq_1_to_${count}`,
    [ticketId, userId, staffId, count],
  );
  return ticketId;
}

/** A word in many tickets of the help desk and in none of these departments (null if the data has none). */
async function wordAbsentFrom(connection: mysqlTypes.Connection, departmentIds: number[]): Promise<string | null> {
  const [all] = (await connection.query("SELECT id FROM departments")) as unknown as [{ id: number }[]];
  const subjectsWith = (word: string, ids: number[]) =>
    scalar(connection, "SELECT COUNT(*) FROM (SELECT 1 FROM ticket_search WHERE MATCH(terms) AGAINST (? IN BOOLEAN MODE) AND message_id = 0 LIMIT 10000) x", [
      `+(${ids.map((id) => `d${id}x${word}*`).join(" ")})`,
    ]);
  for (const word of ["refund", "password", "vpn", "login", "billing", "shipping", "invoice", "laptop"]) {
    if (await subjectsWith(word, departmentIds)) continue;
    if ((await subjectsWith(word, all.map((row) => row.id))) >= 10_000) return word;
  }
  return null;
}

export async function runQueueBench(options: QueueBenchOptions = {}): Promise<QueueBenchResult> {
  const database = options.database ?? ownDatabase;
  const runs = options.runs ?? 50;
  const budgetMs = (options.budgetSeconds ?? 30) * 1000;
  const port = options.port ?? 3710;
  const baseUrl = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);

  const url = pointAtBenchDatabase(database);
  const own = database === ownDatabase;
  if (own) await fill(url, options.tickets ?? 1_000_000);
  await run("npx", ["tsx", "scripts/migrate.ts"]);
  const mysql = await import("mysql2/promise");
  const connection = await mysql.createConnection({ uri: url.toString() });
  const password = own ? ownPassword : scalePassword;
  const { loadStaffActor } = await import("@/lib/auth/actors");

  const adminId = await scalar(connection, "SELECT id FROM staff WHERE username = 'bench-admin'");
  // The first agent works in two neighbouring departments.
  const agentId = await scalar(connection, "SELECT MIN(id) FROM staff WHERE role = 'agent'");
  const [[agentRow]] = (await connection.query("SELECT username FROM staff WHERE id = ?", [agentId])) as unknown as [{ username: string }[]];
  const data = {
    tickets: await scalar(connection, "SELECT COUNT(*) FROM tickets"),
    messages: await scalar(connection, "SELECT COUNT(*) FROM messages"),
    departments: await scalar(connection, "SELECT COUNT(*) FROM departments"),
    staff: await scalar(connection, "SELECT COUNT(*) FROM staff"),
    customers: await scalar(connection, "SELECT COUNT(*) FROM users"),
  };
  const agentLabel = `agent (2 of ${data.departments} departments)`;
  const actors = {
    admin: { login: "bench-admin", actor: (await loadStaffActor(adminId))! },
    [agentLabel]: { login: agentRow!.username, actor: (await loadStaffActor(agentId))! },
  };
  const agentDepartments = actors[agentLabel]!.actor.departmentIds;
  const department = agentDepartments[1]!;
  const email = String(((await connection.query("SELECT email FROM users ORDER BY id LIMIT 1 OFFSET 4241")) as unknown as [{ email: string }[]])[0][0]!.email);
  const rareWord = own ? "ref1234" : "E1234";
  const absentWord = await wordAbsentFrom(connection, agentDepartments);
  // The ticket page: a thread of about five messages and a long one, in the agent's departments.
  const normalTicket = own ? await ensureThread(connection, agentDepartments[0]!, 5) : await scalar(connection, "SELECT MAX(t.id) FROM tickets t WHERE t.department_id = ? AND t.replies = 4", [agentDepartments[0]]);
  const longTicket = await ensureThread(connection, agentDepartments[0]!, 200);
  await connection.end();

  const scenarios: [string, string][] = [
    ...["active", "mine", "unassigned", "open", "awaiting", "in-progress", "answered", "overdue", "closed", "all"].map(
      (view) => [`view=${view}`, `/agent?view=${view}`] as [string, string],
    ),
    ["department filter", `/agent?view=all&department=${department}`],
    ["search: rare word", `/agent?view=all&q=${rareWord}`],
    ["search: customer email", `/agent?view=all&q=${encodeURIComponent(email)}`],
    ["search: common word", "/agent?view=all&q=printer"],
    ...(absentWord ? [["search: word common elsewhere, absent from the agent's departments", `/agent?view=all&q=${absentWord}`] as [string, string]] : []),
    ["sort by subject", "/agent?view=active&sort=subject&dir=asc"],
    ["deep page (page 200, all)", "/agent?view=all&page=200"],
    ["ticket page: ~5 messages", `/agent/tickets/${normalTicket}`],
    ["ticket page: 200 messages", `/agent/tickets/${longTicket}`],
  ];
  const selected = scenarios.filter(([name]) => !options.only || name.includes(options.only));

  const app = startAppServer(port, "queue");
  const results: QueueScenarioResult[] = [];
  try {
    log(`starting the app on ${baseUrl}`);
    await waitForApp(app, baseUrl);
    for (const [who, { login }] of Object.entries(actors)) {
      const jar = await signInStaff(baseUrl, login, password);
      for (const [name, target] of selected) {
        const get = async () => {
          const response = await fetch(`${baseUrl}${target}`, { headers: { Cookie: cookieHeader(jar) }, redirect: "manual" });
          const body = await response.text();
          const expected = target.startsWith("/agent/tickets/") ? "Ticket link" : 'aria-label="Views"';
          if (response.status !== 200 || !body.includes(expected)) throw new Error(`${target}: ${response.status}`);
        };
        await get(); // warm-up
        const times: number[] = [];
        const deadline = Date.now() + budgetMs;
        while (times.length < runs && Date.now() < deadline) {
          const t0 = performance.now();
          await get();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const result = { who, name, url: target, p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), n: times.length };
        results.push(result);
        log(`${who} · ${name}: p50 ${result.p50} ms, p95 ${result.p95} ms (${result.n} runs)`);
      }
    }
  } finally {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const loadAverage = os.loadavg();

  // EXPLAIN of each statement the queue page runs (as drizzle generates them), per scenario and actor.
  const explains: string[] = [];
  const { pool } = await import("@/db");
  if (options.explain) {
    const { queueStatements } = await import("@/lib/tickets/queue");
    const { queueQuerySchema } = await import("@/lib/validation/tickets");
    for (const [who, { actor }] of Object.entries(actors)) {
      for (const [name, target] of selected) {
        if (!target.startsWith("/agent?")) continue;
        const query = queueQuerySchema.parse(Object.fromEntries(new URL(target, baseUrl).searchParams));
        explains.push(`### ${who} · ${name} (\`${target}\`)`, "");
        for (const statement of await queueStatements(actor, query, 25, 72)) {
          const [plan] = (await pool.query(`EXPLAIN ${statement.sql}`, statement.params)) as unknown as [Record<string, unknown>[]];
          explains.push(`${statement.name}:`, "", "```sql", statement.sql, "```", "", "| id | select_type | table | type | key | rows | Extra |", "| --- | --- | --- | --- | --- | ---: | --- |");
          for (const row of plan) explains.push(`| ${row.id} | ${row.select_type} | ${row.table} | ${row.type} | ${row.key ?? ""} | ${row.rows} | ${row.Extra ?? ""} |`);
          explains.push("");
        }
      }
    }
  }
  // The app's pool stays open: an orchestrator calling runQueueBench goes on with it (main closes it).
  return { database, data, cores: os.cpus().length, loadAverage, runs, budgetSeconds: budgetMs / 1000, results, explains };
}

/** bench/queue.md: earlier runs (other labels) are kept, this label's section and EXPLAIN replaced. */
function writeReport(result: QueueBenchResult, label: string, out: string) {
  const table = [
    `| who | scenario | p50 ms | p95 ms | runs |`,
    `| --- | --- | ---: | ---: | ---: |`,
    ...result.results.map((r) => `| ${r.who} | ${r.name} (\`${r.url}\`) | ${r.p50} | ${r.p95} | ${r.n} |`),
  ].join("\n");
  const d = result.data;
  const header = [
    `## ${label}: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `\`${result.database}\`: ${d.tickets.toLocaleString("en")} tickets, ${d.messages.toLocaleString("en")} messages, ${d.departments} departments, ${d.staff} staff, ${d.customers.toLocaleString("en")} customers · ` +
      `${result.cores} cores · load average ${result.loadAverage.map((l) => l.toFixed(2)).join(" ")} at the end · ` +
      `each URL requested up to ${result.runs} times (at most ${result.budgetSeconds} s) after a warm-up, one at a time, full server-rendered HTML over HTTP, production build.`,
    "",
    table,
    "",
  ].join("\n");
  mkdirSync(path.dirname(out), { recursive: true });
  const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
  const parts = previous.split("\n## ");
  const intro = previous ? parts[0]! : "# Agent queue bench\n";
  const kept = parts.slice(1).filter((section) => !section.startsWith(`${label}:`) && !section.startsWith(`EXPLAIN (${label})`));
  const section = (text: string) => `## ${text.trimEnd()}\n`;
  const report = [
    intro.trimEnd(),
    "",
    ...kept.filter((s) => !s.startsWith("EXPLAIN")).map(section),
    header,
    ...kept.filter((s) => s.startsWith("EXPLAIN")).map(section),
    `## EXPLAIN (${label})`,
    "",
    ...result.explains,
  ].join("\n");
  writeFileSync(out, report);
  log(`wrote ${out}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: ownDatabase },
      tickets: { type: "string", default: "1000000" },
      runs: { type: "string", default: "50" },
      // Stop a scenario after this many seconds even when it has not run `runs` times (slow "before" runs).
      budget: { type: "string", default: "30" },
      port: { type: "string", default: "3710" },
      only: { type: "string" },
      label: { type: "string", default: "run" },
      out: { type: "string", default: "bench/queue.md" },
    },
  });
  const result = await runQueueBench({
    database: values.database,
    tickets: Number(values.tickets),
    runs: Number(values.runs),
    budgetSeconds: Number(values.budget),
    port: Number(values.port),
    only: values.only,
    explain: true,
  });
  writeReport(result, values.label, values.out);
  const { pool } = await import("@/db");
  await pool.end();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
