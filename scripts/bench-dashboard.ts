// Dashboard bench: fills its own database with N tickets (bulk SQL), then times each dashboard read
// for an admin (all departments) and an agent (two of five), and writes bench/dashboard.md with the
// EXPLAIN of each query.
//   DATABASE_URL=mysql://helpdeck:helpdeck@127.0.0.1:3391/helpdeck_bench_dashboard npx tsx scripts/bench-dashboard.ts [tickets]
import "./load-env";
import { writeFileSync } from "node:fs";
import os from "node:os";

const ticketCount = Number(process.argv[2] ?? 1_000_000);
const runs = 20;
const log = (message: string) => console.error(`› ${message}`);

async function main() {
  if (!/\/helpdeck_bench[\w]*$/.test(process.env.DATABASE_URL ?? "")) throw new Error("Point DATABASE_URL at a helpdeck_bench* database.");
  const { execFileSync } = await import("node:child_process");
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], { stdio: "inherit" });
  const { db, pool } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const { loadStaffActor } = await import("@/lib/auth/actors");
  const { countDailyFlow, countOpenTickets, measureResponseTimes } = await import("@/lib/reports/dashboard");
  const run = (query: string) => db.execute(sql.raw(query));
  const rowsOf = async (query: string) => ((await run(query)) as unknown as [Record<string, unknown>[]])[0];

  const [{ n: existing }] = (await rowsOf("SELECT COUNT(*) AS n FROM tickets")) as [{ n: number }];
  if (Number(existing) < ticketCount) {
    log(`filling with ${ticketCount} tickets…`);
    const started = Date.now();
    await run("SET FOREIGN_KEY_CHECKS = 0");
    for (const table of ["tickets", "staff_departments", "staff", "users", "departments"]) await run(`DELETE FROM ${table}`);
    await run("SET FOREIGN_KEY_CHECKS = 1");
    await run("INSERT INTO departments (name, is_private, sort_order) SELECT CONCAT('Bench ', seq), 0, seq FROM seq_1_to_5");
    await run("INSERT INTO users (fullname, email) SELECT CONCAT('Bench customer ', seq), CONCAT('bench', seq, '@example.test') FROM seq_1_to_50000");
    await run(
      "INSERT INTO staff (username, fullname, email, password_hash, role) SELECT CONCAT('bench', seq), CONCAT('Bench agent ', seq), CONCAT('bench', seq, '@staff.test'), 'x', IF(seq = 1, 'admin', 'agent') FROM seq_1_to_10",
    );
    await run("INSERT INTO staff_departments (staff_id, department_id) SELECT s.id, d.id FROM staff s JOIN departments d WHERE s.role = 'agent' AND d.sort_order <= 2");
    // Three years of tickets (~900 a day); 90% answered within 0-48 h; closed ones 1-10 days after opening.
    await run(`
      INSERT INTO tickets (public_token, subject, user_id, department_id, status, assigned_staff_id, source, replies, last_replier_type,
                           created_at, first_response_at, closed_at, last_update_at)
      SELECT SHA2(CONCAT('bench-', t.seq), 256), CONCAT('Bench ticket ', t.seq), u.first_id + (t.seq % 50000), d.first_id + (t.seq % 5),
             t.status, IF(t.seq % 7 = 0, NULL, st.first_id + (t.seq % 10)), 'api', 1, 'staff',
             t.created_at,
             IF(t.seq % 10 = 0, NULL, t.created_at + INTERVAL (t.seq * 7919 % 2880) MINUTE),
             IF(t.status = 5, t.created_at + INTERVAL (1 + t.seq % 10) DAY, NULL),
             IF(t.status = 5, t.created_at + INTERVAL (1 + t.seq % 10) DAY, t.created_at + INTERVAL 1 HOUR)
      FROM (SELECT seq, IF(seq % 10 < 7, 5, 1 + seq % 4) AS status,
                   NOW() - INTERVAL FLOOR(seq * 94.608) SECOND AS created_at
            FROM seq_1_to_${ticketCount}) t
      CROSS JOIN (SELECT MIN(id) AS first_id FROM users) u
      CROSS JOIN (SELECT MIN(id) AS first_id FROM departments) d
      CROSS JOIN (SELECT MIN(id) AS first_id FROM staff) st`);
    await run("ANALYZE TABLE tickets, users, departments, staff");
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const [admin] = (await rowsOf("SELECT id FROM staff WHERE role = 'admin' LIMIT 1")) as [{ id: number }];
  const [agent] = (await rowsOf("SELECT id FROM staff WHERE role = 'agent' LIMIT 1")) as [{ id: number }];
  const actors = { admin: (await loadStaffActor(admin.id))!, "agent (2 of 5 departments)": (await loadStaffActor(agent.id))! };
  const reads = { "open by status and department": countOpenTickets, "new vs closed per day": countDailyFlow, "median times": measureResponseTimes };

  const lines = [
    `# Dashboard bench`,
    ``,
    `${new Date().toISOString()} · ${ticketCount.toLocaleString("en")} tickets over three years (~900 a day) · ${os.cpus().length} cores · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `Seed: 30% of tickets not closed (${(ticketCount * 0.3).toLocaleString("en")}: far more than a real desk keeps open, so the open counts scan more than they would), 70% closed 1-10 days after opening, 90% answered within 48 h, 5 departments, 10 staff.`,
    `Each read run ${runs} times after one warm-up, in process (database time plus mapping), \`npx tsx scripts/bench-dashboard.ts\`. The machine is shared with other builds and tests: the load figures above say how busy it was.`,
    ``,
    `| read | who | p50 ms | p95 ms |`,
    `| --- | --- | ---: | ---: |`,
  ];
  for (const [who, actor] of Object.entries(actors)) {
    for (const [name, read] of Object.entries(reads)) {
      await read(actor);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await read(actor);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      lines.push(`| ${name} | ${who} | ${p(0.5)} | ${p(0.95)} |`);
      log(`${name} / ${who}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
    }
  }

  const scope = `department_id IN (${actors["agent (2 of 5 departments)"].departmentIds.join(",")})`;
  const since = "UTC_DATE() - INTERVAL 29 DAY";
  const explained = {
    "open by status and department": `SELECT status, department_id, COUNT(*) FROM tickets WHERE status <> 5 AND ${scope} GROUP BY status, department_id`,
    "new per day": `SELECT DATE_FORMAT(created_at, '%Y-%m-%d') d, COUNT(*) FROM tickets WHERE created_at >= ${since} AND ${scope} GROUP BY d`,
    "closed per day": `SELECT DATE_FORMAT(closed_at, '%Y-%m-%d') d, COUNT(*) FROM tickets WHERE closed_at >= ${since} AND ${scope} GROUP BY d`,
    "median first response": `SELECT DISTINCT assigned_staff_id, MEDIAN(TIMESTAMPDIFF(SECOND, created_at, first_response_at)) OVER (PARTITION BY assigned_staff_id) FROM tickets WHERE created_at >= ${since} AND first_response_at IS NOT NULL AND ${scope}`,
    "median resolution": `SELECT DISTINCT assigned_staff_id, MEDIAN(TIMESTAMPDIFF(SECOND, created_at, closed_at)) OVER (PARTITION BY assigned_staff_id) FROM tickets WHERE closed_at >= ${since} AND ${scope}`,
  };
  lines.push("", "## EXPLAIN (agent scope)", "");
  for (const [name, query] of Object.entries(explained)) {
    const plan = (await rowsOf(`EXPLAIN ${query}`)) as { key: string; rows: number; type: string; Extra: string }[];
    lines.push(`- **${name}**: ${plan.map((p) => `${p.type} on \`${p.key}\`, ~${p.rows} rows, ${p.Extra}`).join("; ")}`);
  }
  writeFileSync("bench/dashboard.md", `${lines.join("\n")}\n`);
  log("wrote bench/dashboard.md");
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
