// Soak run: mixed traffic against the production build for --minutes (default 10), on loopback only,
// with the server's memory sampled (RSS from /proc every 10 s; the live heap after a full GC, through the
// inspector, every 30 s) and per-operation latency and errors recorded per minute. Writes bench/soak.md
// with a table per minute and a verdict: no errors, and no growth of the live heap from minute 2 to the
// end. RSS is reported beside it: it follows V8's heap sizing, so it plateaus rather than staying flat.
//
//   NODE_ENV=production npx next build          (or NEXT_DIST_DIR=... for a separate build folder)
//   npm run bench:soak [-- --minutes 10 --clients 4 --pause 100 --port 3730]
//
// Its own database (helpdeck_bench_soak on the local MariaDB, or BENCH_DATABASE_URL) is recreated,
// migrated and given a small seed on every run, so runs compare.
import "./load-env";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cookieHeader, log, pointAtBenchDatabase, run, signInStaff, startAppServer, waitForApp } from "./support/bench";
import { HeapProbe } from "./support/heap-probe";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    clients: { type: "string", default: "4" },
    // Milliseconds each client waits between requests: a steady load, not a flood, on a shared machine.
    pause: { type: "string", default: "100" },
    port: { type: "string", default: "3730" },
    out: { type: "string", default: "bench/soak.md" },
    // Soak an existing, filled database (e.g. the scale data set) instead of a fresh small one.
    database: { type: "string" },
    // Also write the headline figures as JSON here (for `npm run bench`).
    json: { type: "string" },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const pauseMs = Number(values.pause);
const port = Number(values.port);
const baseUrl = `http://127.0.0.1:${port}`;
const password = "soak-bench-password";

const keepData = Boolean(values.database);
const benchUrl = pointAtBenchDatabase(values.database ?? "helpdeck_bench_soak");

async function recreateDatabase() {
  const mysql = await import("mysql2/promise");
  const server = new URL(benchUrl);
  const name = server.pathname.slice(1);
  server.pathname = "/";
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
  await run("npx", ["tsx", "scripts/migrate.ts"]);
}

/** A little seed: departments, an agent, customers with tickets, a pipe address and an API key. */
/**
 * On a kept database: the soak's own agent (in three departments), pipe address and API key are added
 * once; customers and public links are sampled from the data already there.
 */
async function fixturesFromData() {
  const { db } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const { departments, emailAddresses, staff, staffDepartments, users } = await import("@/db/schema");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createApiKey, allApiPermissions } = await import("@/lib/api-keys");
  const departmentIds = (await db.select({ id: departments.id }).from(departments).orderBy(departments.id).limit(3)).map((r) => r.id);
  const [existingAgent] = await db.select({ id: staff.id }).from(staff).where(sql`${staff.username} = 'soak-agent'`);
  if (!existingAgent) {
    const [agent] = await db
      .insert(staff)
      .values({ username: "soak-agent", email: "soak-agent@staff.test", fullname: "Soak Agent", passwordHash: await hashPassword(password), role: "agent" })
      .$returningId();
    await db.insert(staffDepartments).values(departmentIds.map((departmentId) => ({ staffId: agent!.id, departmentId })));
  }
  let [address] = await db.select({ id: emailAddresses.id }).from(emailAddresses).where(sql`${emailAddresses.email} = 'support@soak.example.test'`);
  if (!address) {
    [address] = await db
      .insert(emailAddresses)
      .values({ email: "support@soak.example.test", senderName: "Soak Desk", departmentId: departmentIds[0]!, incoming: "pipe" })
      .$returningId();
  }
  const customerIds = (await db.select({ id: users.id }).from(users).orderBy(users.id).limit(40)).map((r) => r.id);
  const key = await createApiKey({ name: `soak ${new Date().toISOString()}`, permissions: allApiPermissions, rateLimitPerMinute: 0 });
  const [rows] = (await db.execute(sql`SELECT public_token AS token FROM tickets WHERE id IN (SELECT id FROM (SELECT id FROM tickets ORDER BY RAND() LIMIT 120) picked)`)) as unknown as [{ token: string }[]];
  return { departmentIds, customerIds, token: key.token, publicTokens: rows.map((r) => r.token), addressId: address!.id };
}

async function seed() {
  const { db } = await import("@/db");
  const { departments, emailAddresses, staff, staffDepartments, tickets, users } = await import("@/db/schema");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createTicket } = await import("@/lib/tickets/create");
  const { createApiKey, allApiPermissions } = await import("@/lib/api-keys");
  const hash = await hashPassword(password);
  const departmentIds: number[] = [];
  for (const name of ["General", "Billing", "Technical"]) {
    const [row] = await db.insert(departments).values({ name, isPrivate: false }).$returningId();
    departmentIds.push(row!.id);
  }
  const [agent] = await db
    .insert(staff)
    .values({ username: "soak-agent", email: "soak-agent@staff.test", fullname: "Soak Agent", passwordHash: hash, role: "agent" })
    .$returningId();
  await db.insert(staffDepartments).values(departmentIds.map((departmentId) => ({ staffId: agent!.id, departmentId })));
  const customerIds: number[] = [];
  for (let i = 1; i <= 40; i++) {
    const [row] = await db.insert(users).values({ fullname: `Soak Customer ${i}`, email: `soak${i}@example.test`, passwordHash: hash }).$returningId();
    customerIds.push(row!.id);
  }
  for (let i = 0; i < 120; i++) {
    await createTicket({
      requester: { userId: customerIds[i % customerIds.length]! },
      departmentId: departmentIds[i % departmentIds.length]!,
      subject: `Seed ticket ${i + 1}: the printer prints blank pages`,
      message: "It started after the update. Any idea?",
      source: "api",
      openedBy: { type: "api" },
      notify: false,
    });
  }
  const [address] = await db
    .insert(emailAddresses)
    .values({ email: "support@soak.example.test", senderName: "Soak Desk", departmentId: departmentIds[0]!, isDefault: true, incoming: "pipe" })
    .$returningId();
  const key = await createApiKey({ name: "soak", permissions: allApiPermissions, rateLimitPerMinute: 0 });
  const tokens = (await db.select({ token: tickets.publicToken }).from(tickets)).map((r) => r.token);
  return { departmentIds, customerIds, token: key.token, publicTokens: tokens, addressId: address!.id };
}

/** Resident memory of a process and its children, in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // gone
    }
  };
  visit(pid);
  return kb / 1024;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

type Bucket = { latencies: Map<string, number[]>; errors: Map<string, number>; errorSamples: string[] };
const newBucket = (): Bucket => ({ latencies: new Map(), errors: new Map(), errorSamples: [] });

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir}: run \`NODE_ENV=production npx next build\` first`);
  let data;
  if (keepData) {
    log(`soaking ${benchUrl.pathname.slice(1)} as it is`);
    await run("npx", ["tsx", "scripts/migrate.ts"]);
    data = await fixturesFromData();
  } else {
    log(`recreating ${benchUrl.pathname.slice(1)}…`);
    await recreateDatabase();
    data = await seed();
  }
  const { ingest } = await import("@/lib/mail/ingest");
  const { pool } = await import("@/db");

  const inspectPort = port + 1000;
  const app = startAppServer(port, "soak", [`--inspect=127.0.0.1:${inspectPort}`]);
  const heap = new HeapProbe(inspectPort);
  const buckets: Bucket[] = [];
  const rssSamples: { at: number; mb: number }[] = [];
  const heapSamples: { at: number; mb: number }[] = [];
  let heapSampler: NodeJS.Timeout | undefined;
  const loadSamples: number[] = [];
  const loadBefore = os.loadavg();
  let sampler: NodeJS.Timeout | undefined;
  try {
    log(`starting the app on ${baseUrl}`);
    await waitForApp(app, baseUrl);
    const jar = await signInStaff(baseUrl, "soak-agent", password);
    const apiHeaders = { Token: data.token };
    const form = { ...apiHeaders, "Content-Type": "application/x-www-form-urlencoded" };
    const createdTickets: number[] = [];
    const pickOf = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    const someTicket = async () => {
      if (createdTickets.length) return pickOf(createdTickets);
      const list = (await (await fetch(`${baseUrl}/api/tickets`, { headers: apiHeaders })).json()) as { tickets: { id: string }[] };
      return Number(list.tickets[0]!.id);
    };
    let mailCounter = 0;

    /** The mix, by weight. Each returns normally on success and throws with a reason on a wrong answer. */
    const apiOk = async (response: Response) => {
      const body = (await response.json()) as { success?: number; ticket_id?: number; message?: string };
      if (response.status !== 200 || body.success !== 1) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 120)}`);
      return body;
    };
    const pageOk = async (response: Response, marker?: string) => {
      const text = await response.text();
      if (response.status !== 200 || (marker && !text.includes(marker))) throw new Error(`${response.status}`);
    };
    const operations: [string, number, () => Promise<void>][] = [
      [
        "API ticket create",
        10,
        async () => {
          const body = await apiOk(
            await fetch(`${baseUrl}/api/tickets/create`, {
              method: "POST",
              headers: form,
              body: new URLSearchParams({ opener: "user", user_id: String(pickOf(data.customerIds)), department_id: String(pickOf(data.departmentIds)), subject: "Soak: cannot log in", body: "Since this morning." }),
            }),
          );
          createdTickets.push(body.ticket_id!);
          if (createdTickets.length > 500) createdTickets.shift();
        },
      ],
      ["API ticket list", 12, async () => void (await apiOk(await fetch(`${baseUrl}/api/tickets?page=${1 + Math.floor(Math.random() * 5)}`, { headers: apiHeaders })))],
      ["API ticket show", 12, async () => void (await apiOk(await fetch(`${baseUrl}/api/tickets/${await someTicket()}`, { headers: apiHeaders })))],
      [
        "API message create",
        10,
        async () =>
          void (await apiOk(
            await fetch(`${baseUrl}/api/messages/create`, {
              method: "POST",
              headers: form,
              body: new URLSearchParams({ ticket_id: String(await someTicket()), message: "Any news on this?", replier: "user" }),
            }),
          )),
      ],
      ["API messages list", 6, async () => void (await apiOk(await fetch(`${baseUrl}/api/messages/${await someTicket()}`, { headers: apiHeaders })))],
      ["portal home", 8, async () => pageOk(await fetch(`${baseUrl}/`))],
      ["portal open form", 6, async () => pageOk(await fetch(`${baseUrl}/open`))],
      ["portal help center", 6, async () => pageOk(await fetch(`${baseUrl}/kb`))],
      ["portal public link", 8, async () => pageOk(await fetch(`${baseUrl}/t/${pickOf(data.publicTokens)}`))],
      [
        "agent queue page",
        12,
        async () =>
          pageOk(
            await fetch(`${baseUrl}/agent?view=${pickOf(["active", "open", "all", "awaiting"])}`, { headers: { Cookie: cookieHeader(jar) }, redirect: "manual" }),
            'aria-label="Views"',
          ),
      ],
      [
        "pipe delivery (lib ingest)",
        6,
        async () => {
          const n = ++mailCounter;
          const customer = (n % 40) + 1;
          const raw = [
            `From: Soak Customer ${customer} <soak${customer}@example.test>`,
            "To: support@soak.example.test",
            `Subject: Soak mail ${n}: the VPN drops every hour`,
            `Message-ID: <soak-${Date.now()}-${n}@example.test>`,
            `Date: ${new Date().toUTCString()}`,
            "Content-Type: text/plain; charset=utf-8",
            "",
            "It disconnects every hour on the hour.",
            "",
          ].join("\r\n");
          const result = await ingest(Buffer.from(raw), "pipe", { emailAddressId: data.addressId });
          if (result.status !== "stored") throw new Error(`ingest: ${result.status}`);
        },
      ],
    ];
    const totalWeight = operations.reduce((sum, [, w]) => sum + w, 0);
    const chooseOperation = () => {
      let r = Math.random() * totalWeight;
      for (const op of operations) if ((r -= op[1]) < 0) return op;
      return operations[0]!;
    };

    const started = Date.now();
    const end = started + minutes * 60_000;
    const bucketOf = (at: number) => (buckets[Math.floor((at - started) / 60_000)] ??= newBucket());
    const sample = () => {
      rssSamples.push({ at: Date.now() - started, mb: rssMb(app.pid!) });
      loadSamples.push(os.loadavg()[0]!);
    };
    const sampleHeap = async () => {
      const at = Date.now() - started;
      heapSamples.push({ at, mb: await heap.liveHeapMb() });
    };
    sample();
    await sampleHeap();
    sampler = setInterval(sample, 10_000);
    heapSampler = setInterval(() => void sampleHeap().catch((error: unknown) => log(`heap sample failed: ${String(error)}`)), 30_000);
    log(`mixed traffic from ${clients} clients for ${minutes} min…`);
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < end) {
          const [name, , op] = chooseOperation();
          const t0 = performance.now();
          const at = Date.now();
          let failure: string | null = null;
          try {
            await op();
          } catch (error) {
            failure = error instanceof Error ? error.message : String(error);
          }
          const bucket = bucketOf(at);
          const list = bucket.latencies.get(name) ?? [];
          list.push(performance.now() - t0);
          bucket.latencies.set(name, list);
          if (failure) {
            bucket.errors.set(name, (bucket.errors.get(name) ?? 0) + 1);
            if (bucket.errorSamples.length < 3) bucket.errorSamples.push(`${name}: ${failure}`);
          }
          await new Promise((r) => setTimeout(r, pauseMs));
        }
      }),
    );
    clearInterval(sampler);
    clearInterval(heapSampler);
    sample();
    await sampleHeap();
    const minuteCount = Math.min(buckets.length, minutes);

    // --- Report ---
    // A minute's memory is the mean of its samples: a single sample catches the heap before or after a GC.
    const rssOfMinute = (m: number) => {
      const inside = rssSamples.filter((s) => s.at > m * 60_000 && s.at <= (m + 1) * 60_000 + 1000).map((s) => s.mb);
      return { mean: inside.length ? inside.reduce((a, b) => a + b, 0) / inside.length : 0, max: inside.length ? Math.max(...inside) : 0 };
    };
    const rows = Array.from({ length: minuteCount }, (_, m) => {
      const bucket = buckets[m] ?? newBucket();
      const all = [...bucket.latencies.values()].flat().sort((a, b) => a - b);
      const errors = [...bucket.errors.values()].reduce((a, b) => a + b, 0);
      const load = loadSamples.slice(m * 6, m * 6 + 6);
      return { minute: m + 1, rss: rssOfMinute(m), rps: all.length / 60, p95: percentile(all, 95), requests: all.length, errors, load: load.length ? Math.max(...load) : 0 };
    });
    const names = operations.map(([name]) => name);
    const perOperation = names.map((name) => {
      const cells = Array.from({ length: minuteCount }, (_, m) => {
        const list = [...(buckets[m]?.latencies.get(name) ?? [])].sort((a, b) => a - b);
        return list.length ? `${percentile(list, 50).toFixed(0)} / ${percentile(list, 95).toFixed(0)} / ${percentile(list, 99).toFixed(0)}` : "–";
      });
      const count = buckets.reduce((sum, b) => sum + (b?.latencies.get(name)?.length ?? 0), 0);
      const errors = buckets.reduce((sum, b) => sum + (b?.errors.get(name) ?? 0), 0);
      return `| ${name} | ${count} | ${errors} | ${cells.join(" | ")} |`;
    });
    const totalErrors = rows.reduce((sum, r) => sum + r.errors, 0);
    const totalRequests = rows.reduce((sum, r) => sum + r.requests, 0);
    const rssMinute2 = rssOfMinute(Math.min(1, minuteCount - 1)).mean;
    const rssEnd = rssOfMinute(minuteCount - 1).mean;
    const growth = rssEnd - rssMinute2;
    const growthPct = rssMinute2 ? (growth / rssMinute2) * 100 : 0;
    // Least-squares slope of RSS from minute 2 on: a leak climbs steadily; a heap that breathes does not.
    const tail = rssSamples.filter((s) => s.at > 60_000);
    const meanAt = tail.reduce((a, s) => a + s.at, 0) / (tail.length || 1);
    const meanMb = tail.reduce((a, s) => a + s.mb, 0) / (tail.length || 1);
    const slopePerMinute =
      (tail.reduce((a, s) => a + (s.at - meanAt) * (s.mb - meanMb), 0) / (tail.reduce((a, s) => a + (s.at - meanAt) ** 2, 0) || 1)) * 60_000;
    const peak = rssSamples.reduce((a, s) => (s.mb > a.mb ? s : a), rssSamples[0]!);
    // "No growth": what a leak would show as a steady climb; a heap that breathes moves a few tens of MB.
    // The verdict: the live heap after a full GC, from minute 2 (past warm-up: caches, compiled code)
    // to the end. A leak keeps what requests allocate, so it climbs here whatever the heap limit.
    const heapAfterWarmUp = heapSamples.filter((s) => s.at >= 60_000);
    const heapStart = heapAfterWarmUp[0]?.mb ?? 0;
    const heapEndSamples = heapSamples.filter((s) => s.at >= (minuteCount - 1) * 60_000);
    const heapEnd = heapEndSamples.reduce((a, s) => a + s.mb, 0) / (heapEndSamples.length || 1);
    const heapGrowth = heapEnd - heapStart;
    const heapOk = heapGrowth < Math.max(10, heapStart * 0.1);
    const verdict = heapOk && totalErrors === 0 ? "PASS" : "FAIL";
    const samples = buckets.flatMap((b) => b?.errorSamples ?? []).slice(0, 10);
    const report = `# Soak run

Generated by \`npm run bench:soak\` (scripts/bench-soak.ts) on ${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC.

- **Verdict: ${verdict}.** Live heap after a full GC: ${heapStart.toFixed(1)} MB at the start of minute 2, ${heapEnd.toFixed(1)} MB in the last minute (${heapGrowth >= 0 ? "+" : ""}${heapGrowth.toFixed(1)} MB; the bar is less than max(10 MB, 10 %)). Errors: ${totalErrors} of ${totalRequests.toLocaleString("en")} operations.
- RSS (for the record; it follows V8's heap sizing): ${rssMinute2.toFixed(0)} MB in minute 2 (mean of its samples), ${rssEnd.toFixed(0)} MB in the last minute (${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MB, ${growthPct >= 0 ? "+" : ""}${growthPct.toFixed(1)} %).
- RSS trend from minute 2 to the end (least squares over the 10-s samples): ${slopePerMinute >= 0 ? "+" : ""}${slopePerMinute.toFixed(1)} MB/min; peak ${peak.mb.toFixed(0)} MB at ${(peak.at / 1000).toFixed(0)} s.
- Duration: ${minutes} min of mixed traffic from ${clients} concurrent clients, each pausing ${pauseMs} ms between operations, all on loopback.
- App: the production build (\`scripts/server.ts\`, as \`npm start\` runs it), one Node process, database \`${benchUrl.pathname.slice(1)}\` on the local MariaDB, ${keepData ? "kept as it is, with the soak's own agent (3 departments), pipe address and API key without rate limit added; 40 customers and 120 public links sampled from its data" : "recreated, migrated and seeded for the run (3 departments, 1 agent, 40 customers, 120 tickets, a pipe address, an API key without rate limit)"}. The outbound mail worker is off: notifications stay in the outbox.
- Mix (weights): ${operations.map(([name, weight]) => `${name} ${weight}`).join(", ")}. Pipe deliveries call \`lib/mail/ingest\` from the bench process, as \`scripts/mail-pipe.ts\` does, against the same database.
- Memory: the live heap is read through the server's inspector (\`--inspect\` on loopback): \`HeapProfiler.collectGarbage\`, then \`Runtime.getHeapUsage\`, every 30 s (each forced GC pauses the server briefly, inside the latencies). RSS: the server process (and any children) from \`/proc/<pid>/status\` (VmRSS), sampled every 10 s.
- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, shared with other engineers' tests and builds: 1-minute load average ${loadBefore[0]!.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end, highest per minute in the table. Latencies include that contention.

## Per minute

| minute | RSS MB (mean / max) | req/s | p95 ms (all) | operations | errors | load avg (max) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.minute} | ${r.rss.mean.toFixed(0)} / ${r.rss.max.toFixed(0)} | ${r.rps.toFixed(1)} | ${r.p95.toFixed(0)} | ${r.requests} | ${r.errors} | ${r.load.toFixed(2)} |`).join("\n")}

## Latency per operation and minute (p50 / p95 / p99 ms)

| operation | count | errors | ${Array.from({ length: minuteCount }, (_, m) => `min ${m + 1}`).join(" | ")} |
| --- | ---: | ---: | ${Array.from({ length: minuteCount }, () => "---:").join(" | ")} |
${perOperation.join("\n")}

## Live heap after a full GC (every 30 s)

${heapSamples.map((s) => `${(s.at / 1000).toFixed(0)} s: ${s.mb.toFixed(1)} MB`).join(" · ")}

## RSS samples (every 10 s)

${rssSamples.map((s) => `${(s.at / 1000).toFixed(0)} s: ${s.mb.toFixed(0)} MB`).join(" · ")}
${samples.length ? `\n## First errors\n\n${samples.map((s) => `- ${s}`).join("\n")}\n` : ""}`;
    mkdirSync(path.dirname(values.out!), { recursive: true });
    writeFileSync(values.out!, report);
    if (values.json) {
      const all = buckets.flatMap((b) => [...(b?.latencies.values() ?? [])].flat()).sort((a, b) => a - b);
      writeFileSync(
        values.json,
        JSON.stringify({
          verdict, minutes, clients, operations: totalRequests, errors: totalErrors, heapStart, heapEnd, rssMinute2, rssEnd,
          rssPeak: peak.mb, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99),
        }),
      );
    }
    console.log(report);
    if (verdict !== "PASS") process.exitCode = 1;
  } finally {
    if (sampler) clearInterval(sampler);
    if (heapSampler) clearInterval(heapSampler);
    heap.close();
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await pool.end();
  }
}

main().catch((error) => {
  console.error("Soak run failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
