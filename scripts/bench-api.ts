// Token API benchmark: req/s and latency (p50/p95/p99) for ticket list (random deep page, with its exact
// total), a filtered list, ticket show and message create, from 32 concurrent keep-alive connections
// against the production server (`npm start`, scripts/server.ts). Writes bench/api.md with the machine,
// the data size, the load average and the EXPLAIN of the list and show queries.
//
//   NEXT_DIST_DIR=.data/next-api-bench NODE_ENV=production npx next build      (the build must exist)
//   NEXT_DIST_DIR=.data/next-api-bench npm run bench:api [-- --database helpdeck_bench_scale]
//       [--seconds 10 --concurrency 32 --port 3390 --tickets 100000 --out bench/api.md]
//       [--only list,show (scenario keys: list, filtered, show, reply)] [--profile DIR (app CPU profile)]
//
// By default it runs on the standard scale data set (helpdeck_bench_scale: 1M tickets, 5M messages,
// scripts/support/scale-data.ts fills it on first use). `--database helpdeck_bench --tickets N` uses a
// small set of its own (N tickets of one message each, bulk SQL); any other --database must already be
// filled; it is migrated, never refilled. `runApiBench(options)` returns the figures
// for the `npm run bench` orchestrator. It points DATABASE_URL at its database before it loads the app's
// modules: call it in a process that has not loaded `@/db` for another database.
import "./load-env";
import http from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { log, pointAtBenchDatabase, run, startAppServer, waitForApp } from "./support/bench";
import { measure } from "./support/load";

export type ApiBenchOptions = {
  /**
   * Database on the local server: `helpdeck_bench_scale` (the default, the standard scale data set of
   * scripts/support/scale-data.ts, filled on first use), `helpdeck_bench` (filled here with `tickets`
   * tickets of one message each), or any other already-filled database.
   */
  database?: string;
  /** Tickets of `helpdeck_bench` or of the scale data set (ignored for other databases). */
  tickets?: number;
  seconds?: number;
  concurrency?: number;
  port?: number;
  /** Scenarios to run, by key (list, filtered, show, reply), in this order; all when absent. */
  only?: ApiScenarioKey[];
  /** Extra node arguments for the app process, e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it. */
  nodeArgs?: string[];
};

export const apiScenarioKeys = ["list", "filtered", "show", "reply"] as const;
export type ApiScenarioKey = (typeof apiScenarioKeys)[number];

export type ApiScenarioResult = {
  name: string;
  requests: number;
  ok: number;
  failed: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU milliseconds per request of the app process, and of the database server (which also serves other clients). */
  appCpuMs: number | null;
  dbCpuMs: number | null;
};

export type ApiBenchResult = {
  database: string;
  data: { tickets: number; messages: number; customers: number; departments: number; staff: number };
  concurrency: number;
  seconds: number;
  loadAverage: { start: number[]; end: number[] };
  scenarios: ApiScenarioResult[];
  /** EXPLAIN of each statement the list (deep page) and show requests run. */
  explains: { label: string; sql: string; plan: Record<string, unknown>[] }[];
  machine: string;
  at: string;
};

type Connection = import("mysql2/promise").Connection;

/** Seconds each read scenario runs unmeasured on the fresh server, before any measurement. */
const serverWarmUpSeconds = 3;

async function scalar(connection: Connection, query: string): Promise<number> {
  const [rows] = (await connection.query(query)) as unknown as [Record<string, unknown>[]];
  return Number(Object.values(rows[0] ?? { n: 0 })[0] ?? 0);
}

/** Fills helpdeck_bench with `ticketCount` tickets (one opening message each) unless it holds them already. */
async function fillOwnDatabase(connection: Connection, ticketCount: number) {
  const existing = await scalar(connection, "SELECT COUNT(*) FROM tickets");
  if (existing >= ticketCount) return;
  log(`filling the bench database with ${ticketCount.toLocaleString("en")} tickets (bulk SQL)…`);
  const started = Date.now();
  const exec = (query: string) => connection.query(query);
  await exec("DELETE FROM tickets");
  await exec("DELETE FROM users WHERE email LIKE 'bench%@example.test'");
  await exec("DELETE FROM departments WHERE name LIKE 'Bench %'");
  await exec("INSERT INTO departments (name, is_private, sort_order) SELECT CONCAT('Bench ', seq), 0, seq FROM seq_1_to_5");
  const userCount = Math.max(1, Math.round(ticketCount / 20));
  await exec(`INSERT INTO users (fullname, email) SELECT CONCAT('Bench customer ', seq), CONCAT('bench', seq, '@example.test') FROM seq_1_to_${userCount}`);
  // Tickets spread over users, departments and statuses, the last update within the past year.
  await exec(`
    INSERT INTO tickets (public_token, subject, user_id, department_id, status, source, replies, last_replier_type, last_update_at, created_at)
    SELECT SHA2(CONCAT('bench-', s.seq, '-', RAND()), 256), CONCAT('Bench ticket ', s.seq, ': something is not working'),
           u.first_id + (s.seq % ${userCount}), d.first_id + (s.seq % 5), 1 + (s.seq % 5), 'api', 0, 'user',
           NOW() - INTERVAL (s.seq % 525600) MINUTE, NOW() - INTERVAL (s.seq % 525600) MINUTE - INTERVAL 1 HOUR
    FROM seq_1_to_${ticketCount} s
    CROSS JOIN (SELECT MIN(id) AS first_id FROM users WHERE email LIKE 'bench%@example.test') u
    CROSS JOIN (SELECT MIN(id) AS first_id FROM departments WHERE name LIKE 'Bench %') d`);
  await exec(`
    INSERT INTO messages (ticket_id, author_type, user_id, body, body_format, created_at)
    SELECT id, 'user', user_id, CONCAT('Opening message of ticket ', id, '. The printer prints blank pages since the update.'), 'text', created_at
    FROM tickets`);
  await exec("ANALYZE TABLE tickets, messages, users, departments");
  log(`filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}


/** One request over a keep-alive connection; resolves with the status and the parsed JSON body. */
function request(agent: http.Agent, port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; json: { success?: number } }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        } catch (error) {
          reject(error);
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    // A request that hangs (e.g. a stuck pool) counts as failed instead of stalling the run.
    req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
    req.end(body);
  });
}

type Send = () => Promise<{ status: number; json: { success?: number } }>;

/** CPU time (user + system) a process has used so far, in ms; null when it cannot be read. */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

function localDatabasePid(): number | undefined {
  try {
    return Number(readFileSync(".data/mariadb.pid", "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `send` from `concurrency` loops for `seconds` after a warm-up; a success is HTTP 200 with success=1. */
async function load(name: string, send: Send, concurrency: number, seconds: number, pids: { app?: number; db?: number }): Promise<ApiScenarioResult> {
  let cpuBefore: { app: number | null; db: number | null } = { app: null, db: null };
  const measured = await measure(
    name,
    concurrency,
    seconds,
    async () => {
      const response = await send();
      return response.status === 200 && response.json.success === 1;
    },
    5,
    () => (cpuBefore = { app: cpuMs(pids.app), db: cpuMs(pids.db) }),
  );
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null || measured.requests === 0 ? null : Math.round(((after - before) / measured.requests) * 100) / 100;
  const appCpuMs = perRequest(cpuBefore.app, cpuMs(pids.app));
  const dbCpuMs = perRequest(cpuBefore.db, cpuMs(pids.db));
  log(`${name}: CPU/request app ${appCpuMs} ms, db ${dbCpuMs} ms`);
  const { requests, ok, failed, rps, p50, p95, p99 } = measured;
  return { name, requests, ok, failed, rps, p50, p95, p99, appCpuMs, dbCpuMs };
}

/** The statements the list (a deep page) and the show run, as the app issues them, with their EXPLAIN. */
async function explainQueries(page: number, ticketId: number) {
  const { pool } = await import("@/db");
  const { listTicketsPage, getApiTicket } = await import("@/lib/api/queries");
  const { getCachedSettings } = await import("@/lib/settings");
  const { pageSize } = await getCachedSettings();
  const captured: { label: string; sql: string; params: unknown[] }[] = [];
  let label = "";
  // Record what the app sends through the pool while the two reads run once.
  const original = { query: pool.query.bind(pool), execute: pool.execute.bind(pool) };
  const capture =
    (fn: (...args: never[]) => unknown) =>
    (...args: unknown[]) => {
      const first = args[0] as string | { sql: string; values?: unknown[] };
      const sql = typeof first === "string" ? first : first.sql;
      const params = (typeof first === "string" ? args[1] : (first.values ?? args[1])) as unknown[] | undefined;
      captured.push({ label, sql, params: params ?? [] });
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  Object.assign(pool, { query: capture(original.query), execute: capture(original.execute) });
  try {
    label = `list page ${page.toLocaleString("en")}`;
    await listTicketsPage({}, page, pageSize);
    label = "show";
    await getApiTicket(ticketId);
  } finally {
    Object.assign(pool, original);
  }
  const explains: ApiBenchResult["explains"] = [];
  for (const statement of captured) {
    if (!/^\s*select/i.test(statement.sql)) continue;
    const [plan] = (await pool.query(`EXPLAIN ${statement.sql}`, statement.params)) as unknown as [Record<string, unknown>[]];
    explains.push({ label: statement.label, sql: statement.sql, plan });
  }
  return explains;
}

export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const database = options.database ?? "helpdeck_bench_scale";
  const seconds = options.seconds ?? 10;
  const concurrency = options.concurrency ?? 32;
  const port = options.port ?? 3390;
  const baseUrl = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);

  const url = pointAtBenchDatabase(database);
  const mysql = await import("mysql2/promise");
  const { ensureScaleData, scaleDatabase, scaleDefaults } = await import("./support/scale-data");
  if (database === scaleDatabase) {
    // The standard scale data set: filled on first use, migrated (backfills included) on later runs.
    await ensureScaleData(url, { ...scaleDefaults, tickets: options.tickets ?? scaleDefaults.tickets });
  } else if (database !== "helpdeck_bench") {
    const server = new URL(url);
    server.pathname = "/";
    const probe = await mysql.createConnection({ uri: server.toString() });
    const [found] = (await probe.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tickets'", [database])) as unknown as [unknown[]];
    await probe.end();
    if (!found.length) throw new Error(`${database} has no tickets table: fill it first (the bench fills only helpdeck_bench)`);
  }
  if (database !== scaleDatabase) await run("npx", ["tsx", "scripts/migrate.ts"]);
  const connection = await mysql.createConnection({ uri: url.toString(), timezone: "Z" });
  const { sha256, randomToken } = await import("@/lib/tokens");
  const { allApiPermissions } = await import("@/lib/api-keys/permissions");
  let keyId = 0;
  let app: ReturnType<typeof startAppServer> | undefined;
  try {
    if (database === "helpdeck_bench") await fillOwnDatabase(connection, options.tickets ?? 100_000);
    const data = {
      tickets: await scalar(connection, "SELECT COUNT(*) FROM tickets"),
      messages: await scalar(connection, "SELECT COUNT(*) FROM messages"),
      customers: await scalar(connection, "SELECT COUNT(*) FROM users"),
      departments: await scalar(connection, "SELECT COUNT(*) FROM departments"),
      staff: await scalar(connection, "SELECT COUNT(*) FROM staff"),
    };
    // A key with every permission and no rate limit, stored as the app stores keys (hash only).
    const token = `hdk_bench_${randomToken(24)}`;
    const [inserted] = (await connection.query(
      "INSERT INTO api_keys (name, token_hash, token_prefix, permissions, rate_limit_per_minute) VALUES (?, ?, ?, ?, 0)",
      [`bench ${new Date().toISOString()}`, sha256(token), token.slice(0, 10), JSON.stringify(allApiPermissions)],
    )) as unknown as [{ insertId: number }];
    keyId = inserted.insertId;
    // Existing tickets to show and reply to, and departments to filter by (ids may have gaps).
    const [idRows] = (await connection.query("SELECT id FROM tickets ORDER BY RAND() LIMIT 20000")) as unknown as [{ id: number }[]];
    const ticketIds = idRows.map((r) => Number(r.id));
    const [deptRows] = (await connection.query("SELECT id FROM departments")) as unknown as [{ id: number }[]];
    const departmentIds = deptRows.map((r) => Number(r.id));
    const pageSize = Number((await scalar(connection, "SELECT COALESCE((SELECT value FROM settings WHERE name = 'pageSize'), 25)")) || 25);
    const pages = Math.max(1, Math.ceil(data.tickets / pageSize));
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

    const loadStart = os.loadavg();
    log(`starting the app on ${baseUrl} (load average ${loadStart.map((l) => l.toFixed(2)).join(" ")})`);
    app = startAppServer(port, "api", options.nodeArgs);
    await waitForApp(app, baseUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const headers = { Token: token };
    const form = { ...headers, "Content-Type": "application/x-www-form-urlencoded" };
    const pids = { app: app.pid, db: localDatabasePid() };
    const get = (urlPath: string) => () => request(agent, port, "GET", urlPath, headers);
    const reply = () =>
      request(agent, port, "POST", "/api/messages/create", form, new URLSearchParams({ ticket_id: String(pick(ticketIds)), message: "Bench reply: any news on this?", replier: "user" }).toString());
    const scenarioList: [ApiScenarioKey, string, Send][] = [
      ["list", "GET /api/tickets?page=N (list, random page, exact total)", () => get(`/api/tickets?page=${1 + Math.floor(Math.random() * pages)}`)()],
      ["filtered", "GET /api/tickets?status=1&department_id=D (filtered list, first page)", () => get(`/api/tickets?status=1&department_id=${pick(departmentIds)}`)()],
      ["show", "GET /api/tickets/{id} (show, random ticket)", () => get(`/api/tickets/${pick(ticketIds)}`)()],
      ["reply", "POST /api/messages/create (customer reply, random ticket)", reply],
    ];
    const selected = options.only ?? apiScenarioKeys;
    // A fresh server runs its first few hundred requests unoptimized (V8 compiles hot code after a
    // while): the read scenarios run once unmeasured first, so the first measured one is not the one
    // that pays for it.
    for (const key of selected.filter((listed) => listed !== "reply")) {
      const [, , send] = scenarioList.find(([listed]) => listed === key)!;
      await measure(`warm-up: ${key}`, concurrency, serverWarmUpSeconds, async () => (await send()).status === 200, 0);
    }
    const scenarios: ApiScenarioResult[] = [];
    for (const key of selected) {
      const [, name, send] = scenarioList.find(([listed]) => listed === key)!;
      scenarios.push(await load(name, send, concurrency, seconds, pids));
    }
    agent.destroy();
    const loadEnd = os.loadavg();
    const explains = await explainQueries(Math.ceil(pages / 2), pick(ticketIds));
    return {
      database,
      data,
      concurrency,
      seconds,
      loadAverage: { start: loadStart, end: loadEnd },
      scenarios,
      explains,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
      at: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    };
  } finally {
    if (app?.pid) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    if (keyId) await connection.query("DELETE FROM api_keys WHERE id = ?", [keyId]);
    await connection.end();
  }
}

/** bench/api.md: the figures, how they were taken, and the query plans. */
export function apiBenchReport(result: ApiBenchResult): string {
  const n = (value: number) => value.toLocaleString("en");
  const load = (values: number[]) => values.map((l) => l.toFixed(2)).join(" ");
  const rows = result.scenarios.map(
    (s) => `| ${s.name} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.ok} | ${s.failed} | ${s.appCpuMs ?? "–"} | ${s.dbCpuMs ?? "–"} |`,
  );
  const plans = result.explains.map((e) => {
    const columns = Object.keys(e.plan[0] ?? {});
    return [
      `### ${e.label}`,
      "",
      "```sql",
      e.sql,
      "```",
      "",
      `| ${columns.join(" | ")} |`,
      `| ${columns.map(() => "---").join(" | ")} |`,
      ...e.plan.map((row) => `| ${columns.map((c) => String(row[c] ?? "")).join(" | ")} |`),
      "",
    ].join("\n");
  });
  return `# Token API benchmark

Generated by \`npm run bench:api\` (scripts/bench-api.ts) on ${result.at}.

- Data (\`${result.database}\`): ${n(result.data.tickets)} tickets, ${n(result.data.messages)} messages, ${n(result.data.customers)} customers, ${n(result.data.departments)} departments, ${n(result.data.staff)} staff.
- App: \`npm start\` (scripts/server.ts over the production build), one Node process, database pool of ${process.env.DATABASE_POOL_SIZE ?? 10}; MariaDB on the same machine.
- Load: ${result.concurrency} concurrent keep-alive connections (node:http, same machine) for ${result.seconds} s per scenario, after ${serverWarmUpSeconds} s of each read scenario on the fresh server and a few requests per connection before each scenario; the key has no rate limit. A request counts as ok when it answers HTTP 200 with \`success: 1\`.
- Machine: ${result.machine}. Client, app and database share these cores with other work, so the figures move with it: load average (1, 5, 15 min) ${load(result.loadAverage.start)} before, ${load(result.loadAverage.end)} after.
- Every request is authenticated (token hash lookup, cached 5 s and cleared on any key change; IP allow-list; rate limit off for this key; last use written at most every 5 s).
- CPU ms/req: CPU time the app process (Next and the domain layer) and the MariaDB server used during the scenario, divided by its requests; the database's figure also holds whatever other clients ran on the shared server meanwhile. With both under 2 cores × 1,000 ms, they bound what an idle machine could serve.
- The list pages by OFFSET in id order with the exact \`total_tickets\` and \`pages\`, as HelpDeskZ's API does; the random page is uniform over all pages.

| Scenario | req/s | p50 ms | p95 ms | p99 ms | ok | failed | app CPU ms/req | db CPU ms/req |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

## Query plans

${plans.join("\n")}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: "helpdeck_bench_scale" },
      // Default: 100,000 for helpdeck_bench, the standard 1,000,000 for the scale data set.
      tickets: { type: "string" },
      seconds: { type: "string", default: "10" },
      concurrency: { type: "string", default: "32" },
      port: { type: "string", default: "3390" },
      out: { type: "string", default: "bench/api.md" },
      // Comma-separated scenario keys (list, filtered, show, reply); all by default.
      only: { type: "string" },
      // Writes a V8 CPU profile of the app process into this folder (node --cpu-prof).
      profile: { type: "string" },
    },
  });
  const only = values.only?.split(",").map((key) => key.trim());
  const unknown = only?.filter((key) => !(apiScenarioKeys as readonly string[]).includes(key));
  if (unknown?.length) throw new Error(`unknown scenario ${unknown.join(", ")}: use ${apiScenarioKeys.join(", ")}`);
  const result = await runApiBench({
    database: values.database,
    tickets: values.tickets ? Number(values.tickets) : undefined,
    seconds: Number(values.seconds),
    concurrency: Number(values.concurrency),
    port: Number(values.port),
    only: only as ApiScenarioKey[] | undefined,
    nodeArgs: values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : [],
  });
  const report = apiBenchReport(result);
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
  // The EXPLAINs went through the app's pool; an orchestrator calling runApiBench keeps its own.
  const { pool } = await import("@/db");
  await pool.end();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error("Benchmark failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
