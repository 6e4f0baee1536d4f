// Portal bench: what a customer without an account does, over HTTP against the production build.
//   - open a ticket: the /open form's server action posted as the browser posts it (multipart, with
//     the Next-Action header and the page's Origin); a success is the redirect to the confirmation page,
//     whose rendering comes back in the same response, as in the browser;
//   - the public link page /t/<token> of a random ticket (with its thread);
//   - the portal home page.
// Writes bench/portal.md (standalone) or returns the figures to `npm run bench` (scripts/bench.ts).
//
//   NEXT_DIST_DIR=.data/next-bench NODE_ENV=production npx next build     (the build must exist)
//   NEXT_DIST_DIR=.data/next-bench npm run bench:portal [-- --database helpdeck_bench_scale --seconds 15]
import "./load-env";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { log, pointAtBenchDatabase, run, startAppServer, waitForApp } from "./support/bench";
import { measure, type LoadResult } from "./support/load";

export type PortalBenchOptions = { database: string; seconds?: number; concurrency?: number; port?: number };
export type PortalBenchResult = { database: string; tickets: number; scenarios: LoadResult[]; loadAverage: { start: number; end: number } };

/** The id Next gave a server action in this build (from its server reference manifest). */
function actionId(distDir: string, file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${file} in this build`);
  return found[0];
}

export async function runPortalBench(options: PortalBenchOptions): Promise<PortalBenchResult> {
  const seconds = options.seconds ?? 15;
  const concurrency = options.concurrency ?? 8;
  const port = options.port ?? 3740;
  const baseUrl = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);
  const url = pointAtBenchDatabase(options.database);
  await run("npx", ["tsx", "scripts/migrate.ts"]);

  const mysql = await import("mysql2/promise");
  const connection = await mysql.createConnection({ uri: url.toString() });
  let links: { token: string; subject: string }[];
  let tickets: number;
  try {
    const [[range]] = (await connection.query("SELECT MIN(id) AS low, MAX(id) AS high, COUNT(*) AS n FROM tickets")) as unknown as [{ low: number; high: number; n: number }[]];
    tickets = Number(range!.n);
    if (!tickets) throw new Error(`${options.database} has no tickets: fill it first`);
    const ids = Array.from({ length: 3000 }, () => Number(range!.low) + Math.floor(Math.random() * (Number(range!.high) - Number(range!.low) + 1)));
    const [rows] = (await connection.query("SELECT public_token AS token, subject FROM tickets WHERE id IN (?) AND merged_into_id IS NULL", [ids])) as unknown as [
      { token: string; subject: string }[],
    ];
    links = rows;
  } finally {
    await connection.end();
  }
  // Every bench visitor comes from 127.0.0.1: the per-address hourly limit on portal tickets is raised
  // for this database, or the form would (rightly) refuse after 20 tickets.
  const { saveSettings } = await import("@/lib/settings");
  await saveSettings({ portalTicketsPerHourPerIp: 1_000_000 });

  const openAction = actionId(distDir, "app/(portal)/open/actions.ts", "openTicketAction");
  const app = startAppServer(port, "portal");
  const loadStart = os.loadavg()[0]!;
  try {
    log(`starting the app on ${baseUrl}`);
    await waitForApp(app, baseUrl);
    const openPage = await (await fetch(`${baseUrl}/open`)).text();
    const departmentId = /<option value="(\d+)"/.exec(openPage)?.[1];
    if (!departmentId) throw new Error("the /open form offers no department");
    let n = 0;
    const scenarios: LoadResult[] = [];
    scenarios.push(
      await measure("Open a ticket (the /open form's server action)", concurrency, seconds, async () => {
        const i = ++n;
        // The browser sends the form's fields first and the argument list ("0") last.
        const form = new FormData();
        form.set("_1_departmentId", departmentId);
        form.set("_1_fullname", `Portal Visitor ${i}`);
        form.set("_1_email", `portal-bench-${process.pid}-${Date.now()}-${i}@example.test`);
        form.set("_1_subject", `The printer prints blank pages (${i})`);
        form.set("_1_message", "Since the update this morning every page comes out blank. The toner is new.");
        form.set("0", '["$K1"]');
        const response = await fetch(`${baseUrl}/open`, {
          method: "POST",
          headers: { "Next-Action": openAction, Origin: baseUrl, Accept: "text/x-component" },
          body: form,
        });
        await response.arrayBuffer();
        return response.status === 200 && (response.headers.get("x-action-redirect") ?? "").startsWith("/open/submitted?ticket=");
      }),
    );
    scenarios.push(
      await measure("Public link page /t/<token> (random ticket)", concurrency, seconds, async () => {
        const link = links[Math.floor(Math.random() * links.length)]!;
        const response = await fetch(`${baseUrl}/t/${link.token}`);
        const html = await response.text();
        return response.status === 200 && html.includes(link.subject);
      }),
    );
    scenarios.push(
      await measure("Portal home page /", concurrency, seconds, async () => {
        const response = await fetch(`${baseUrl}/`);
        await response.arrayBuffer();
        return response.status === 200;
      }),
    );
    return { database: options.database, tickets, scenarios, loadAverage: { start: loadStart, end: os.loadavg()[0]! } };
  } finally {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

export function portalTable(scenarios: LoadResult[]): string {
  return [
    "| Scenario | clients | req/s | p50 ms | p95 ms | p99 ms | ok | failed |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...scenarios.map((s) => `| ${s.name} | ${s.concurrency} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.ok} | ${s.failed}${s.firstFailure ? ` (${s.firstFailure})` : ""} |`),
  ].join("\n");
}

if (process.argv[1]?.endsWith("bench-portal.ts")) {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: "helpdeck_bench_scale" },
      seconds: { type: "string", default: "15" },
      concurrency: { type: "string", default: "8" },
      port: { type: "string", default: "3740" },
    },
  });
  runPortalBench({ database: values.database!, seconds: Number(values.seconds), concurrency: Number(values.concurrency), port: Number(values.port) })
    .then((result) => {
      const report = [
        "# Portal bench",
        "",
        `Generated by \`npm run bench:portal\` (scripts/bench-portal.ts) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC against \`${result.database}\` (${result.tickets.toLocaleString("en")} tickets).`,
        `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; 1-minute load average ${result.loadAverage.start.toFixed(2)} at the start, ${result.loadAverage.end.toFixed(2)} at the end.`,
        "",
        portalTable(result.scenarios),
        "",
      ].join("\n");
      mkdirSync("bench", { recursive: true });
      writeFileSync("bench/portal.md", report);
      console.log(report);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error("Portal bench failed:", error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
