// Agent queue bench: fills its own database (helpdeck_bench_queue) with 1,000,000 tickets in bulk SQL,
// starts the production build, signs in as an agent (2 of 6 departments) and as an admin, requests the
// queue page (/agent) for each view, a department filter, keyword searches and a deep page, and writes
// bench/queue.md with p50/p95 per scenario and the EXPLAIN of each query the page runs.
//
//   NEXT_DIST_DIR=.data/next-scale NODE_ENV=production npx next build      (the build must exist)
//   NEXT_DIST_DIR=.data/next-scale npm run bench:queue [-- --runs 50 --port 3710 --label after]
//
// The database is created, migrated and filled on the first run (a few minutes); later runs reuse it.
import "./load-env";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { log, pointAtBenchDatabase, run, startAppServer, waitForApp } from "./support/bench";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "1000000" },
    runs: { type: "string", default: "50" },
    port: { type: "string", default: "3710" },
    // Stop a scenario after this many seconds even when it has not run `runs` times (slow "before" runs).
    budget: { type: "string", default: "30" },
    label: { type: "string", default: "" },
    out: { type: "string", default: "bench/queue.md" },
  },
});
const ticketCount = Number(values.tickets);
const runs = Number(values.runs);
const budgetMs = Number(values.budget) * 1000;
const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;
const password = "queue-bench-password";

const benchUrl = pointAtBenchDatabase("helpdeck_bench_queue");

const departmentCount = 6;
const staffCount = 20;
const customerCount = 50_000;

/** Creates and fills the bench database unless it already holds the tickets. */
async function fill() {
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

  const { db } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const { hashPassword } = await import("@/lib/auth/password");
  const exec = async (label: string, query: string) => {
    const t0 = Date.now();
    await db.execute(sql.raw(query));
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
  const hash = (await hashPassword(password)).replace(/'/g, "''");
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
  await exec("analyze", "ANALYZE TABLE tickets, messages, users, departments, staff, staff_departments");
  log(`filled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keep(jar: Jar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

async function signIn(login: string): Promise<Jar> {
  const jar: Jar = new Map();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
  });
  keep(jar, response);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in as ${login} failed (${response.status} ${await response.text()})`);
  return jar;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);
  await fill();
  await run("npx", ["tsx", "scripts/migrate.ts"]);

  const { db, pool } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const { loadStaffActor } = await import("@/lib/auth/actors");
  const { queueStatements } = await import("@/lib/tickets/queue");
  const { queueQuerySchema } = await import("@/lib/validation/tickets");
  const rowsOf = async (query: string) => ((await db.execute(sql.raw(query))) as unknown as [Record<string, unknown>[]])[0];
  const [admin] = await rowsOf("SELECT id FROM staff WHERE username = 'bench-admin'");
  // The second staff member works in the first two departments.
  const [agent] = await rowsOf("SELECT s.id FROM staff s WHERE s.role = 'agent' ORDER BY s.id LIMIT 1");
  const actors = {
    admin: { login: "bench-admin", actor: (await loadStaffActor(Number(admin!.id)))! },
    "agent (2 of 6 departments)": { login: "", actor: (await loadStaffActor(Number(agent!.id)))! },
  };
  const [agentRow] = await rowsOf(`SELECT username FROM staff WHERE id = ${Number(agent!.id)}`);
  actors["agent (2 of 6 departments)"].login = String(agentRow!.username);
  const [{ n: total }] = (await rowsOf("SELECT COUNT(*) AS n FROM tickets")) as [{ n: number }];
  const department = actors["agent (2 of 6 departments)"].actor.departmentIds[1]!;

  const scenarios: [string, string][] = [
    ...["active", "mine", "unassigned", "open", "awaiting", "in-progress", "answered", "overdue", "closed", "all"].map(
      (view) => [`view=${view}`, `view=${view}`] as [string, string],
    ),
    ["department filter", `view=all&department=${department}`],
    ["search: rare word", "view=all&q=ref1234"],
    ["search: customer email", "view=all&q=customer4242%40example.test"],
    ["search: common word", "view=all&q=printer"],
    ["sort by subject", "view=active&sort=subject&dir=asc"],
    ["deep page (page 200, all)", "view=all&page=200"],
  ];

  const app = startAppServer(port, "queue");
  const results: { who: string; name: string; url: string; p50: number; p95: number; n: number }[] = [];
  try {
    log(`starting the app on ${baseUrl}`);
    await waitForApp(app, baseUrl);
    for (const [who, { login }] of Object.entries(actors)) {
      const jar = await signIn(login);
      for (const [name, search] of scenarios) {
        const url = `${baseUrl}/agent?${search}`;
        const get = async () => {
          const response = await fetch(url, { headers: { Cookie: cookieHeader(jar) }, redirect: "manual" });
          const body = await response.text();
          if (response.status !== 200 || !body.includes('aria-label="Views"')) throw new Error(`${url}: ${response.status}`);
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
        const result = { who, name, url: `/agent?${search}`, p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
        results.push(result);
        log(`${who} · ${name}: p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms (${result.n} runs)`);
      }
    }
  } finally {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }

  // EXPLAIN of each statement the page runs (as drizzle generates them), per scenario and actor.
  const explains: string[] = [];
  for (const [who, { actor }] of Object.entries(actors)) {
    for (const [name, search] of scenarios) {
      const query = queueQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));
      const statements = queueStatements(actor, query, 25, 72);
      explains.push(`### ${who} · ${name} (\`/agent?${search}\`)`, "");
      for (const statement of statements) {
        const [plan] = (await pool.query(`EXPLAIN ${statement.sql}`, statement.params)) as unknown as [Record<string, unknown>[]];
        explains.push(`${statement.name}:`, "", "```sql", statement.sql, "```", "", "| id | select_type | table | type | key | rows | Extra |", "| --- | --- | --- | --- | --- | ---: | --- |");
        for (const row of plan) {
          explains.push(`| ${row.id} | ${row.select_type} | ${row.table} | ${row.type} | ${row.key ?? ""} | ${row.rows} | ${row.Extra ?? ""} |`);
        }
        explains.push("");
      }
    }
  }
  await pool.end();

  const label = values.label || "run";
  const table = [
    `| who | scenario | p50 ms | p95 ms | runs |`,
    `| --- | --- | ---: | ---: | ---: |`,
    ...results.map((r) => `| ${r.who} | ${r.name} (\`${r.url}\`) | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.n} |`),
  ].join("\n");
  const header = [
    `## ${label}: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `${Number(total).toLocaleString("en")} tickets (${departmentCount} departments, ${staffCount} staff, ${customerCount.toLocaleString("en")} customers, one message each) · ` +
      `${os.cpus().length} cores · load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at the end · ` +
      `each URL requested up to ${runs} times (at most ${budgetMs / 1000} s) after a warm-up, one at a time, full server-rendered HTML over HTTP, production build.`,
    "",
    table,
    "",
  ].join("\n");
  mkdirSync(path.dirname(values.out!), { recursive: true });
  // Keep earlier runs (e.g. "before") and their EXPLAINs; replace this label's.
  const previous = existsSync(values.out!) ? readFileSync(values.out!, "utf8") : "";
  const kept = previous
    .split("\n## ")
    .slice(1)
    .filter((section) => !section.startsWith(`${label}:`) && !section.startsWith(`EXPLAIN (${label})`));
  const section = (text: string) => `## ${text.trimEnd()}\n`;
  const report = [
    "# Agent queue bench",
    "",
    "Generated by `npm run bench:queue` (scripts/bench-queue.ts) against `helpdeck_bench_queue`. Target: p95 < 200 ms.",
    "",
    ...kept.filter((s) => !s.startsWith("EXPLAIN")).map(section),
    header,
    ...kept.filter((s) => s.startsWith("EXPLAIN")).map(section),
    `## EXPLAIN (${label})`,
    "",
    ...explains,
  ].join("\n");
  writeFileSync(values.out!, report);
  log(`wrote ${values.out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
