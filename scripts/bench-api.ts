// Token API benchmark: req/s and latency (p50/p99) for ticket list, ticket show and message create,
// against a dedicated database holding 100,000 tickets. Writes bench/api.md.
//
//   NODE_ENV=production npx next build          (or NEXT_DIST_DIR=... for a separate build folder)
//   npm run bench:api [-- --tickets 100000 --seconds 10 --concurrency 8 --port 3390]
//
// The bench database (helpdeck_bench on the local MariaDB, or BENCH_DATABASE_URL) is created,
// migrated and filled with SQL in bulk on the first run; later runs reuse it.
import "./load-env";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
    port: { type: "string", default: "3390" },
  },
});
const ticketCount = Number(values.tickets);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;

const defaultUrl = new URL(process.env.DATABASE_URL ?? "mysql://helpdeck:helpdeck@127.0.0.1:3391/helpdeck");
defaultUrl.pathname = "/helpdeck_bench";
const benchUrl = process.env.BENCH_DATABASE_URL ?? defaultUrl.toString();
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(new URL(benchUrl).hostname)) {
  throw new Error("The bench fills its database with generated rows: point BENCH_DATABASE_URL at a local server.");
}
// Everything below (db pool, migrations, the app) uses the bench database.
process.env.DATABASE_URL = benchUrl;
process.env.ATTACHMENTS_DIR ??= path.resolve(".data/attachments-bench");

const log = (message: string) => console.error(`› ${message}`);

async function run(command: string, args: string[]) {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

async function seed() {
  const { db } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const count = async (table: string) => {
    const [rows] = (await db.execute(sql.raw(`SELECT COUNT(*) AS n FROM ${table}`))) as unknown as [{ n: number }[]];
    return Number(rows[0]!.n);
  };
  const existing = await count("tickets");
  if (existing >= ticketCount) {
    log(`bench database already holds ${existing} tickets`);
    return;
  }
  log(`filling the bench database with ${ticketCount} tickets (bulk SQL)…`);
  const started = Date.now();
  await db.execute(sql.raw("DELETE FROM tickets"));
  await db.execute(sql.raw("DELETE FROM users WHERE email LIKE 'bench%@example.test'"));
  await db.execute(sql.raw("DELETE FROM departments WHERE name LIKE 'Bench %'"));
  await db.execute(sql.raw("INSERT INTO departments (name, is_private, sort_order) SELECT CONCAT('Bench ', seq), 0, seq FROM seq_1_to_5"));
  const userCount = Math.max(1, Math.round(ticketCount / 20));
  await db.execute(
    sql.raw(`INSERT INTO users (fullname, email) SELECT CONCAT('Bench customer ', seq), CONCAT('bench', seq, '@example.test') FROM seq_1_to_${userCount}`),
  );
  // Tickets spread over users, departments and statuses, the last update within the past year.
  await db.execute(
    sql.raw(`
      INSERT INTO tickets (public_token, subject, user_id, department_id, status, source, replies, last_replier_type, last_update_at, created_at)
      SELECT SHA2(CONCAT('bench-', s.seq, '-', RAND()), 256),
             CONCAT('Bench ticket ', s.seq, ': something is not working'),
             u.first_id + (s.seq % ${userCount}),
             d.first_id + (s.seq % 5),
             1 + (s.seq % 5),
             'api', 0, 'user',
             NOW() - INTERVAL (s.seq % 525600) MINUTE,
             NOW() - INTERVAL (s.seq % 525600) MINUTE - INTERVAL 1 HOUR
      FROM seq_1_to_${ticketCount} s
      CROSS JOIN (SELECT MIN(id) AS first_id FROM users WHERE email LIKE 'bench%@example.test') u
      CROSS JOIN (SELECT MIN(id) AS first_id FROM departments WHERE name LIKE 'Bench %') d`),
  );
  await db.execute(
    sql.raw(`
      INSERT INTO messages (ticket_id, author_type, user_id, body, body_format, created_at)
      SELECT id, 'user', user_id, CONCAT('Opening message of ticket ', id, '. The printer prints blank pages since the update.'), 'text', created_at
      FROM tickets`),
  );
  await db.execute(sql.raw("ANALYZE TABLE tickets, messages, users, departments"));
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

type Sample = { ok: number; failed: number; latencies: number[]; elapsed: number };

async function load(name: string, request: () => Promise<Response>): Promise<Sample> {
  // Warm up: compile paths, fill caches and the connection pool.
  for (let i = 0; i < 20; i++) await (await request()).arrayBuffer();
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        try {
          const response = await request();
          const body = (await response.json()) as { success?: number };
          if (response.status === 200 && body.success === 1) ok++;
          else failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  log(`${name}: ${ok} ok, ${failed} failed in ${elapsed.toFixed(1)} s`);
  return { ok, failed, latencies: latencies.sort((a, b) => a - b), elapsed };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function waitForApp(app: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error("the app exited while starting (is it built? run `NODE_ENV=production npx next build`)");
    try {
      if ((await fetch(`${baseUrl}/api/openapi.json`)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${baseUrl}`);
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);
  await run("npx", ["tsx", "scripts/migrate.ts"]);
  await seed();

  const { db, pool } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const { createApiKey, allApiPermissions } = await import("@/lib/api-keys");
  const key = await createApiKey({ name: `bench ${new Date().toISOString()}`, permissions: allApiPermissions, rateLimitPerMinute: 0 });
  const [range] = (await db.execute(sql.raw("SELECT MIN(id) AS lo, MAX(id) AS hi, COUNT(*) AS n FROM tickets"))) as unknown as [
    { lo: number; hi: number; n: number }[],
  ];
  const { lo, hi, n } = range[0]!;
  const [settingsRows] = (await db.execute(sql.raw("SELECT value FROM settings WHERE name = 'pageSize'"))) as unknown as [{ value: string }[]];
  const pageSize = Number(settingsRows[0]?.value ?? 25);
  const pages = Math.ceil(Number(n) / pageSize);

  const loadBefore = os.loadavg()[0]!.toFixed(2);
  log(`starting the app on ${baseUrl}`);
  const app = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForApp(app);
    const headers = { Token: key.token };
    const randomTicket = () => Number(lo) + Math.floor(Math.random() * (Number(hi) - Number(lo) + 1));
    const results = {
      "GET /api/tickets?page=N (list, random page)": await load("list", () =>
        fetch(`${baseUrl}/api/tickets?page=${1 + Math.floor(Math.random() * pages)}`, { headers }),
      ),
      "GET /api/tickets?status=1&department_id=D (filtered list, first page)": await load("filtered list", () =>
        fetch(`${baseUrl}/api/tickets?status=1&department_id=${1 + Math.floor(Math.random() * 5)}`, { headers }),
      ),
      "GET /api/tickets/{id} (show, random ticket)": await load("show", () => fetch(`${baseUrl}/api/tickets/${randomTicket()}`, { headers })),
      "POST /api/messages/create (customer reply, random ticket)": await load("message create", () =>
        fetch(`${baseUrl}/api/messages/create`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ticket_id: String(randomTicket()), message: "Bench reply: any news on this?", replier: "user" }),
        }),
      ),
    };

    const rows = Object.entries(results).map(([name, r]) => {
      const rps = (r.ok + r.failed) / r.elapsed;
      return `| ${name} | ${rps.toFixed(0)} | ${percentile(r.latencies, 50).toFixed(1)} | ${percentile(r.latencies, 99).toFixed(1)} | ${r.ok} | ${r.failed} |`;
    });
    const report = `# Token API benchmark

Generated by \`npm run bench:api\` (scripts/bench-api.ts) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.

- Data: ${Number(n).toLocaleString("en")} tickets (one opening message each), ${Math.round(ticketCount / 20).toLocaleString("en")} customers, 5 departments, bulk-inserted with SQL into \`helpdeck_bench\`.
- App: \`next start\` (production build), one Node process, database pool of ${process.env.DATABASE_POOL_SIZE ?? 10}; MariaDB on the same machine.
- Load: ${concurrency} concurrent clients (Node fetch, same machine) for ${seconds} s per scenario after a 20-request warm-up; the key has no rate limit.
- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}. Client, app and database share these cores, so the figures are a floor; other work on the machine moves them (1-minute load average ${loadBefore} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end).
- Every request is authenticated (token hash lookup, IP allow-list, rate-limit bucket skipped at 0, last-use update at most every 5 s).
- List pages with OFFSET in id order with an exact COUNT(*), as HelpDeskZ's API does (page size ${pageSize}, ${pages.toLocaleString("en")} pages).

| Scenario | req/s | p50 ms | p99 ms | ok | failed |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}
`;
    mkdirSync("bench", { recursive: true });
    writeFileSync("bench/api.md", report);
    console.log(report);
  } finally {
    if (app.pid) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await db.execute(sql.raw(`DELETE FROM api_keys WHERE id = ${Number(key.id)}`));
    await pool.end();
  }
}

main().catch((error) => {
  console.error("Benchmark failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
