// The standard scale data set every #scale figure is measured on (bench/results.md): by default
// 1,000,000 tickets, 5,000,000 messages, 100,000 customers (30% in 2,000 organizations), 20 departments
// and 50 staff (1 admin, 49 agents in 2 departments each), spread over three years. Bulk SQL from
// MariaDB's sequence engine, one dedicated connection: minutes, not hours. Later runs reuse it.
//
//   npx tsx scripts/support/scale-data.ts [--tickets 1000000]     (fills `helpdeck_bench_scale`)
//
// Words for searches: every ticket's subject and first message use one of 12 topics (common words);
// bodies carry an error code E<n> (n < 5000: ~1,000 messages each, a rare word) and an order number
// ORD<n> (n < 200000: ~25 messages each, very rare).
import mysql from "mysql2/promise";
import { hashPassword } from "@/lib/auth/password";
import { log, run } from "./bench";

export type ScaleSize = { tickets: number; customers: number; organizations: number; departments: number; agents: number };
export const scaleDefaults: ScaleSize = { tickets: 1_000_000, customers: 100_000, organizations: 2_000, departments: 20, agents: 49 };
export const scaleDatabase = "helpdeck_bench_scale";
/** Every bench staff member and the sample customers sign in with this password. */
export const scalePassword = "scale-bench-password";
/** Staff logins: the admin, and agents bench-agent2..bench-agent50 (each in two neighbouring departments). */
export const scaleAdminLogin = "bench-admin";
export const scaleAgentLogin = (n: number) => `bench-agent${n}`;
/** 1..9 messages per ticket, 5 on average: the opening message and alternating replies. */
const messagesPerTicket = (seq: string) => `(1 + (${seq} * 31) % 9)`;

export type ScaleCounts = { tickets: number; messages: number; customers: number; departments: number; staff: number };

const topics = ["Printer", "Invoice", "Password", "Login", "Refund", "Shipping", "VPN", "Email", "Laptop", "Account", "Order", "Billing"];
const problems = ["not working", "question", "broken after the update", "request", "error", "is slow", "missing", "help needed"];
const openings = [
  "the printer prints blank pages",
  "my invoice shows the wrong amount",
  "I cannot reset my password",
  "the login page keeps reloading",
  "the refund has not reached my card",
  "the parcel has not arrived",
  "the VPN drops every few minutes",
  "my mailbox stopped syncing",
  "the laptop will not start",
  "my account was locked",
  "the order page shows an empty cart",
  "the billing address cannot be changed",
];
const userReplies = [
  "I tried that and it still happens.",
  "Thanks, that fixed part of it, but the second device still fails.",
  "Here is the screenshot you asked for.",
  "It worked for a day and then stopped again.",
  "Could you call me tomorrow morning?",
  "Any news on this? It is getting urgent.",
];
const staffReplies = [
  "Thanks for the details. Could you restart the device and try again?",
  "I have escalated this to our second line; you will hear from us today.",
  "Please clear the browser cache and sign in again.",
  "We have issued a correction; it should show within two working days.",
  "Could you send us the exact error message and the time it happened?",
  "This was a known issue and a fix has been deployed.",
];
const departmentNames = [
  "Support", "Billing", "Sales", "Shipping", "Returns", "Accounts", "Networking", "Hardware", "Software", "Security",
  "Onboarding", "Partners", "Enterprise", "Education", "Public sector", "Marketplace", "Mobile", "Integrations", "Training", "Feedback",
];

const elt = (index: string, values: string[]) => `ELT(1 + ${index}, ${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;

async function tableCount(connection: mysql.Connection, table: string): Promise<number> {
  const [[row]] = (await connection.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as unknown as [{ n: number }[]];
  return Number(row!.n);
}

async function countAll(connection: mysql.Connection): Promise<ScaleCounts> {
  const [tickets, messages, customers, departments, staff] = await Promise.all(
    ["tickets", "messages", "users", "departments", "staff"].map((table) => tableCount(connection, table)),
  );
  return { tickets: tickets!, messages: messages!, customers: customers!, departments: departments!, staff: staff! };
}

/** FULLTEXT indexes are dropped for the bulk load and built once afterwards (far faster than row by row). */
async function fulltextIndexes(connection: mysql.Connection, database: string) {
  const [rows] = (await connection.query(
    `SELECT TABLE_NAME AS tableName, INDEX_NAME AS indexName, GROUP_CONCAT(CONCAT('\`', COLUMN_NAME, '\`') ORDER BY SEQ_IN_INDEX) AS columns
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_TYPE = 'FULLTEXT' AND TABLE_NAME IN ('tickets', 'messages')
     GROUP BY TABLE_NAME, INDEX_NAME`,
    [database],
  )) as unknown as [{ tableName: string; indexName: string; columns: string }[]];
  return rows;
}

/**
 * Deletes the tickets that earlier bench runs opened (portal, mail, soak: ids past the generated ones),
 * with their threads (foreign keys cascade; triggers keep the counters and the search index). Each run
 * then measures the data set as generated: left in place, a run's thousands of identical synthetic
 * tickets were the newest of every view in the next one, which no help desk's traffic looks like.
 */
async function removeBenchTickets(connection: mysql.Connection, departmentCount: number): Promise<number> {
  // A data set filled before the marker existed has no bench_fill: nothing is known to be the bench's.
  const [marker] = (await connection.query("SELECT last_generated_ticket FROM bench_fill").catch(() => [[]])) as unknown as [{ last_generated_ticket: number }[]];
  const lastGenerated = marker[0]?.last_generated_ticket;
  if (!lastGenerated) return 0;
  let removed = 0;
  for (;;) {
    const [result] = (await connection.query("DELETE FROM tickets WHERE id > ? ORDER BY id LIMIT 1000", [lastGenerated])) as unknown as [{ affectedRows: number }];
    removed += result.affectedRows;
    if (result.affectedRows < 1000) break;
  }
  // The departments (and their addresses) that bench runs added, now without tickets: each mail bench adds
  // one, and every admin view reads one index range per department, so they must not pile up run after run.
  const [first] = (await connection.query("SELECT MIN(id) AS id FROM departments")) as unknown as [{ id: number }[]];
  const pastGenerated = first[0]!.id + departmentCount;
  await connection.query(
    "DELETE FROM email_addresses WHERE department_id >= ? AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.department_id = email_addresses.department_id)",
    [pastGenerated],
  );
  await connection.query("DELETE FROM departments WHERE id >= ? AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.department_id = departments.id)", [
    pastGenerated,
  ]);
  return removed;
}

/**
 * Creates, migrates and fills the scale database at `url` unless it already holds the tickets.
 * Returns the row counts and whether it filled.
 */
export async function ensureScaleData(url: URL, size: ScaleSize = scaleDefaults): Promise<{ filled: boolean; seconds: number; counts: ScaleCounts }> {
  const database = url.pathname.slice(1);
  const server = new URL(url);
  server.pathname = "/";
  const started = Date.now();
  let connection = await mysql.createConnection({ uri: server.toString() });
  try {
    const [dbs] = (await connection.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tickets'", [database])) as unknown as [unknown[]];
    if (dbs.length) {
      await connection.changeUser({ database });
      const counts = await countAll(connection);
      // Complete only with the threads too (~5 messages a ticket).
      if (counts.tickets >= size.tickets && counts.messages >= size.tickets * 4.5) {
        // Migrations added since the fill apply to the kept data (their backfills included).
        await run("npx", ["tsx", "scripts/migrate.ts"]);
        const removed = await removeBenchTickets(connection, size.departments);
        if (removed) log(`removed ${removed.toLocaleString("en")} tickets opened by earlier bench runs`);
        const kept = removed ? await countAll(connection) : counts;
        log(`${database} already holds ${kept.tickets.toLocaleString("en")} tickets and ${kept.messages.toLocaleString("en")} messages`);
        return { filled: false, seconds: 0, counts: kept };
      }
      log(`${database} is not filled: recreating it`);
    }
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
  await run("npx", ["tsx", "scripts/migrate.ts"]);

  connection = await mysql.createConnection({ uri: url.toString() });
  try {
    // Bulk load: the rows are generated consistent, so per-row foreign key and unique checks are skipped,
    // and so are the search index's triggers (the index is built once at the end). The ticket counters'
    // triggers still run: they are what the API's totals read.
    await connection.query("SET SESSION foreign_key_checks = 0, unique_checks = 0");
    await connection.query("SET @helpdeck_bulk_load = 1");
    const exec = async (label: string, query: string) => {
      const t0 = Date.now();
      await connection.query(query);
      log(`${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    };
    const { tickets: ticketCount, customers, organizations, departments, agents } = size;
    log(`filling ${database}: ${ticketCount.toLocaleString("en")} tickets, ~${(ticketCount * 5).toLocaleString("en")} messages…`);

    await exec("departments", `INSERT INTO departments (name, is_private, sort_order) SELECT ${elt("(seq - 1) % 20", departmentNames)}, 0, seq FROM seq_1_to_${departments}`);
    await exec("priorities", "INSERT INTO priorities (name, color, sort_order) VALUES ('Low', '#64748b', 1), ('Normal', '#2563eb', 2), ('High', '#ea580c', 3), ('Urgent', '#dc2626', 4)");
    await exec("organizations", `INSERT INTO organizations (name) SELECT CONCAT('Organization ', seq) FROM seq_1_to_${organizations}`);
    // 30% of customers belong to an organization and write from its domain.
    await exec(
      "customers",
      `INSERT INTO users (fullname, email, organization_id)
       SELECT CONCAT(${elt("seq % 8", ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis"])}, ' ', ${elt("(seq DIV 8) % 8", ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie"])}, ' ', seq),
              IF(seq % 10 < 3, CONCAT('customer', seq, '@org', 1 + seq % ${organizations}, '.example'), CONCAT('customer', seq, '@mail.example')),
              IF(seq % 10 < 3, o.first_id + seq % ${organizations}, NULL)
       FROM seq_1_to_${customers} CROSS JOIN (SELECT MIN(id) AS first_id FROM organizations) o`,
    );
    const hash = (await hashPassword(scalePassword)).replace(/'/g, "''");
    // Staff 1 is the admin; agent k (0-based) works in departments k mod D and k+1 mod D.
    await exec(
      "staff",
      `INSERT INTO staff (username, fullname, email, password_hash, role)
       SELECT IF(seq = 1, '${scaleAdminLogin}', CONCAT('bench-agent', seq)), CONCAT('Bench agent ', seq), CONCAT('agent', seq, '@staff.example'), '${hash}', IF(seq = 1, 'admin', 'agent')
       FROM seq_1_to_${agents + 1}`,
    );
    await exec(
      "staff departments",
      `INSERT INTO staff_departments (staff_id, department_id)
       SELECT s.id, d.first_id + (s.id - st.first_id - 1 + k.seq) % ${departments}
       FROM staff s CROSS JOIN (SELECT MIN(id) AS first_id FROM staff) st CROSS JOIN (SELECT MIN(id) AS first_id FROM departments) d CROSS JOIN seq_0_to_1 k
       WHERE s.role = 'agent'`,
    );

    const fulltext = await fulltextIndexes(connection, database);
    for (const index of fulltext) await exec(`drop ${index.indexName} for the load`, `ALTER TABLE \`${index.tableName}\` DROP INDEX \`${index.indexName}\``);

    // Three years of tickets, oldest first (~900 a day). Older tickets are closed but for 1% left open;
    // of the last month's, half are open, awaiting a reply, in progress or answered. 5 in 6 are assigned,
    // to an agent of the ticket's department.
    const recent = ticketCount - 30_000;
    const chunk = 100_000;
    for (let from = 1; from <= ticketCount; from += chunk) {
      const to = Math.min(ticketCount, from + chunk - 1);
      const n = messagesPerTicket("t.seq");
      await exec(
        `tickets ${from.toLocaleString("en")}-${to.toLocaleString("en")}`,
        `INSERT INTO tickets (id, public_token, subject, user_id, department_id, priority_id, status, assigned_staff_id, source, replies,
                              last_replier_type, last_replier_staff_id, created_at, first_response_at, closed_at, last_update_at)
         SELECT t.seq, SHA2(CONCAT('scale-bench-', t.seq), 256),
                CONCAT(${elt("t.seq % 12", topics)}, ' ', ${elt("(t.seq DIV 12) % 8", problems)}),
                u.first_id + (t.seq * 7919) % ${customers},
                d.first_id + t.dept,
                IF(t.seq % 5 = 0, NULL, p.first_id + t.seq % 4),
                t.status,
                IF(t.seq % 6 = 0, NULL, st.first_id + 1 + (t.dept + ${departments} * (t.seq % 2)) % ${agents}),
                ELT(1 + t.seq % 3, 'web', 'email', 'api'),
                ${n} - 1,
                IF(${n} % 2 = 0, 'staff', 'user'),
                IF(${n} % 2 = 0, st.first_id + 1 + (t.dept + ${departments} * (t.seq % 2)) % ${agents}, NULL),
                t.created_at,
                IF(${n} = 1, NULL, t.created_at + INTERVAL 1 HOUR),
                IF(t.status = 5, t.created_at + INTERVAL ${n} HOUR, NULL),
                t.created_at + INTERVAL (${n} - 1) HOUR
         FROM (SELECT seq, (seq * 13) % ${departments} AS dept,
                      IF(seq > ${recent}, ELT(1 + seq % 10, 1, 1, 3, 4, 2, 5, 5, 5, 5, 5), IF(seq % 100 = 0, 1 + (seq DIV 100) % 4, 5)) AS status,
                      NOW() - INTERVAL 10 DAY - INTERVAL FLOOR((${ticketCount} - seq) * 94.608) SECOND AS created_at
               FROM seq_${from}_to_${to}) t
         CROSS JOIN (SELECT MIN(id) AS first_id FROM users) u
         CROSS JOIN (SELECT MIN(id) AS first_id FROM departments) d
         CROSS JOIN (SELECT MIN(id) AS first_id FROM priorities) p
         CROSS JOIN (SELECT MIN(id) AS first_id FROM staff) st`,
      );
    }

    // The thread: message 1 is the customer's, then staff and customer alternate; every 7th ticket has an
    // internal note as its third message. The join reads tickets in id order, so the indexes append (no
    // ORDER BY: it would sort through a temporary file for nothing).
    // Ticket ids are the sequence numbers (given explicitly: INSERT … SELECT leaves id gaps between
    // statements), so a ticket's thread length matches its `replies`.
    for (let from = 0; from < ticketCount; from += chunk) {
      const seq = "t.id";
      await exec(
        `messages of tickets ${(from + 1).toLocaleString("en")}-${Math.min(ticketCount, from + chunk).toLocaleString("en")}`,
        `INSERT INTO messages (ticket_id, author_type, user_id, staff_id, is_note, body, body_format, created_at)
         SELECT t.id,
                IF(m.seq % 2 = 1, 'user', 'staff'),
                IF(m.seq % 2 = 1, t.user_id, NULL),
                IF(m.seq % 2 = 1, NULL, COALESCE(t.assigned_staff_id, st.first_id)),
                m.seq = 3 AND ${seq} % 7 = 0,
                CASE
                  WHEN m.seq = 1 THEN CONCAT('Hello, ', ${elt(`${seq} % 12`, openings)}, ' since yesterday. The screen says error E', (${seq} * 17) % 5000,
                                              '. My order number is ORD', ${seq} % 200000, '. Thanks.')
                  WHEN m.seq % 2 = 1 THEN CONCAT(${elt(`(${seq} + m.seq) % 6`, userReplies)}, ' Still seeing E', (${seq} * 17 + m.seq) % 5000, '.')
                  ELSE CONCAT('Hi, ', ${elt(`(${seq} + m.seq) % 6`, staffReplies)}, ' Kind regards')
                END,
                'text',
                t.created_at + INTERVAL (m.seq - 1) HOUR
         FROM tickets t
         JOIN seq_1_to_9 m ON m.seq <= ${messagesPerTicket(seq)}
         CROSS JOIN (SELECT MIN(id) AS first_id FROM staff) st
         WHERE t.id > ${from} AND t.id <= ${from + chunk}`,
      );
    }
    for (const index of fulltext) await exec(`build ${index.indexName}`, `ALTER TABLE \`${index.tableName}\` ADD FULLTEXT INDEX \`${index.indexName}\` (${index.columns})`);
    const { rebuildTicketSearch } = await import("@/lib/tickets/search");
    await rebuildTicketSearch((statement) => exec(`search index: ${statement.slice(0, 50)}…`, statement));
    await exec("analyze", "ANALYZE TABLE tickets, messages, users, organizations, departments, staff, staff_departments, ticket_search");
    // The last generated ticket: what later runs open comes after it (removeBenchTickets).
    await connection.query("CREATE TABLE bench_fill (last_generated_ticket INT UNSIGNED NOT NULL)");
    await connection.query("INSERT INTO bench_fill SELECT MAX(id) FROM tickets");
    const counts = await countAll(connection);
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`filled in ${seconds} s`);
    return { filled: true, seconds, counts };
  } finally {
    await connection.end();
  }
}

if (process.argv[1]?.endsWith("scale-data.ts")) {
  void (async () => {
    await import("../load-env");
    const { parseArgs } = await import("node:util");
    const { pointAtBenchDatabase } = await import("./bench");
    const { values } = parseArgs({ options: { tickets: { type: "string", default: String(scaleDefaults.tickets) } } });
    const url = pointAtBenchDatabase(scaleDatabase);
    const result = await ensureScaleData(url, { ...scaleDefaults, tickets: Number(values.tickets) });
    console.log(JSON.stringify(result));
    process.exit(0);
  })();
}
