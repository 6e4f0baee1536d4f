// A HelpDeskZ 2 database for the import tests and bench: the upstream schema (tests/fixtures/helpdeskz)
// in a database of its own, plus PHP's serialize() to write the columns HelpDeskZ fills with it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import mysql from "mysql2/promise";

const schemaFile = path.resolve(import.meta.dirname, "../fixtures/helpdeskz/schema.sql");

/** A database URL on the same server as `baseUrl`, named `name`. */
export function databaseUrl(baseUrl: string, name: string) {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates `name` with HelpDeskZ's tables; returns a connection to it (multi-statement). */
export async function createHelpdeskzDatabase(baseUrl: string, name: string) {
  if (!/^helpdeck\w*$/.test(name))
    throw new Error(`Refusing database name ${name}: the test user owns helpdeck* only`);
  const server = new URL(baseUrl);
  server.pathname = "/";
  const admin = await mysql.createConnection({ uri: server.toString() });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8 COLLATE utf8_general_ci`);
  } finally {
    await admin.end();
  }
  const connection = await mysql.createConnection({
    uri: databaseUrl(baseUrl, name),
    multipleStatements: true,
    charset: "utf8mb4_general_ci",
  });
  await connection.query(readFileSync(schemaFile, "utf8"));
  return connection;
}

export async function dropDatabase(baseUrl: string, name: string) {
  const server = new URL(baseUrl);
  server.pathname = "/";
  const admin = await mysql.createConnection({ uri: server.toString() });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.end();
  }
}

type Php = string | number | boolean | null | Php[] | { [key: string]: Php };

/** PHP's serialize(): string lengths in UTF-8 bytes, arrays and objects as PHP arrays. */
export function phpSerialize(value: Php): string {
  if (value === null) return "N;";
  if (typeof value === "boolean") return `b:${value ? 1 : 0};`;
  if (typeof value === "number") return Number.isInteger(value) ? `i:${value};` : `d:${value};`;
  if (typeof value === "string") return `s:${Buffer.byteLength(value, "utf8")}:"${value}";`;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const body = entries
    .map(
      ([key, v]) =>
        (typeof key === "number" || /^(0|[1-9]\d*)$/.test(key) ? `i:${key};` : phpSerialize(key)) +
        phpSerialize(v),
    )
    .join("");
  return `a:${entries.length}:{${body}}`;
}

/** What the sample's people and API client used in HelpDeskZ: the import must keep all of it working. */
export const sample = {
  token: "Tk7a9QeLm2Xc4Vb8Nz1Ps6Dr3Fg5Hj0Kw9Ey2Ru4Ti6Oa8Sd1Fh3Jk5Lz7Xc9Vb2Nm4Qw6Er8Ty0Ui1Op3",
  customerPassword: "alice-old-password",
  agentPassword: "agent-old-password",
  pdf: Buffer.from("%PDF-1.4\n% a HelpDeskZ attachment\n" + "x".repeat(3000) + "\n%%EOF\n"),
  manual: Buffer.from("%PDF-1.4\n% a knowledge base attachment\n%%EOF\n"),
  t0: 1_700_000_000,
};

const bcryptY = (password: string) => bcrypt.hashSync(password, 8).replace(/^\$2b\$/, "$2y$");

/** Representative HelpDeskZ rows (and their attachment files under `filesDir`) for the import tests. */
export async function fillHelpdeskzSample(c: mysql.Connection, filesDir: string) {
  const { customerPassword, agentPassword, pdf, manual, t0, token } = sample;
  await c.query(
    "INSERT INTO hdz_config (id, logo, site_name, windows_title, page_size, date_format, timezone, maintenance, recaptcha, login_attempt, login_attempt_minutes, reply_order, tickets_page, tickets_replies, overdue_time, ticket_autoclose, ticket_attachment, ticket_attachment_number, ticket_file_size, ticket_file_type) VALUES (1, '', 'Acme Support', 'Acme', 25, 'd F Y h:i a', 'Europe/Paris', 0, 0, 3, 5, 'desc', 15, 15, 48, 96, 1, 3, 2.5, ?)",
    [phpSerialize(["jpg", "png", "pdf"])],
  );
  await c.query(
    "INSERT INTO hdz_departments (id, dep_order, name, private) VALUES (1, 1, 'General', 0), (2, 2, 'Billing', 1)",
  );
  await c.query(
    "INSERT INTO hdz_priority (id, name, color) VALUES (1, 'Low', '#8A8A8A'), (2, 'Medium', '#000000'), (3, 'High', '#F07D18')",
  );
  await c.query(
    "INSERT INTO hdz_staff (id, username, password, fullname, email, registration, login, last_login, department, timezone, signature, admin, active) VALUES ?",
    [
      [
        [
          1,
          "boss",
          bcryptY("boss-old-password"),
          "Bea Boss",
          "boss@acme.test",
          t0,
          t0 + 50,
          t0,
          phpSerialize([]),
          "Europe/Paris",
          null,
          1,
          1,
        ],
        [
          2,
          "agent",
          bcryptY(agentPassword),
          "Andy Agent",
          "andy@acme.test",
          t0,
          t0,
          0,
          phpSerialize(["2"]),
          null,
          "<p>Andy, Billing</p>",
          0,
          1,
        ],
        [
          3,
          "gone",
          bcryptY("gone-password"),
          "Gone Agent",
          null,
          t0,
          0,
          0,
          phpSerialize(["1"]),
          null,
          null,
          0,
          0,
        ],
      ],
    ],
  );
  await c.query(
    "INSERT INTO hdz_users (id, fullname, email, password, registration, last_login, status) VALUES ?",
    [
      [
        [5, "Alice Customer", "alice@customer.test", bcryptY(customerPassword), t0, t0 + 10, 1],
        [6, "Alice again", "Alice@Customer.test", bcryptY("other"), t0 + 5, 0, 1],
        [7, "Old Timer", "old@customer.test", "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", t0, 0, 1],
        [8, "Bad Address", "not an email", bcryptY("x"), t0, 0, 1],
      ],
    ],
  );
  await c.query(
    "INSERT INTO hdz_custom_fields (id, type, title, value, required, departments, display) VALUES ?",
    [
      [
        [1, "select", "Product", "Widget\nGadget", 1, phpSerialize(["2"]), 1],
        [2, "checkbox", "Channels", "Email\nPhone\nChat", 0, "", 2],
        [3, "text", "Order number", "", 0, "", 3],
      ],
    ],
  );
  const customVars = phpSerialize([
    { title: "Product", value: "Gadget" },
    { title: "Channels", value: "Email, Chat" },
    { title: "Order number", value: "A-1001" },
    { title: "Deleted field", value: "lost" },
  ]);
  await c.query(
    "INSERT INTO hdz_tickets (id, department_id, priority_id, user_id, subject, date, last_update, status, replies, last_replier, custom_vars) VALUES ?",
    [
      [
        [123, 2, 3, 5, "Invoice is wrong", t0 + 100, t0 + 400, 3, 9, 0, customVars],
        [124, 1, 0, 6, "Second account's ticket", t0 + 200, t0 + 200, 1, 0, 0, phpSerialize([])],
        [125, 9, 2, 99, "Orphaned customer and department", t0 + 300, t0 + 300, 5, 0, 0, null],
        [126, 1, 1, 7, "Opened by staff", t0 + 350, t0 + 360, 2, 0, 2, ""],
      ],
    ],
  );
  await c.query(
    "INSERT INTO hdz_tickets_messages (id, ticket_id, date, customer, staff_id, message, ip, email) VALUES ?",
    [
      [
        [
          1001,
          123,
          t0 + 100,
          1,
          0,
          "Hello,<br />\r\nmy invoice says 100 &amp; it should be 90.",
          "203.0.113.7",
          0,
        ],
        [
          1002,
          123,
          t0 + 200,
          0,
          2,
          "<p>Sorry about that, <strong>fixed</strong>.</p><script>alert(1)</script>",
          "198.51.100.2",
          0,
        ],
        [1003, 123, t0 + 400, 1, 0, "Thanks!", "203.0.113.7", 1],
        [1004, 999, t0 + 400, 1, 0, "Message of a deleted ticket", "", 1],
        [1005, 124, t0 + 200, 1, 0, "From my other account", "", 1],
        [1006, 125, t0 + 300, 1, 0, "Who am I?", "", 1],
        [1007, 126, t0 + 350, 0, 2, "We noticed a problem on your account.", "", 0],
        [1008, 126, t0 + 360, 0, 77, "Reply by a deleted agent", "", 0],
      ],
    ],
  );
  await c.query("INSERT INTO hdz_ticket_notes (id, ticket_id, staff_id, date, message) VALUES ?", [
    [
      [1, 123, 2, t0 + 150, "Called &amp; left a message &lt;voicemail&gt;"],
      [2, 999, 2, t0 + 150, "Note of a deleted ticket"],
    ],
  ]);
  mkdirSync(filesDir, { recursive: true });
  writeFileSync(path.join(filesDir, "1700000100_3f9a1c2b.pdf"), pdf);
  writeFileSync(path.join(filesDir, "1700000100_manual.pdf"), manual);
  await c.query(
    "INSERT INTO hdz_attachments (id, name, enc, filetype, article_id, ticket_id, msg_id, filesize) VALUES ?",
    [
      [
        [50, "invoice.pdf", "1700000100_3f9a1c2b.pdf", "application/pdf", 0, 123, 1001, String(pdf.length)],
        [51, "missing.png", "1700000100_missing.png", "image/png", 0, 123, 1003, "10"],
        [52, "manual.pdf", "1700000100_manual.pdf", "application/pdf", 1, 0, 0, String(manual.length)],
      ],
    ],
  );
  await c.query("INSERT INTO hdz_canned_response (id, title, message, position, date, staff_id) VALUES ?", [
    [
      [1, "Greeting", "<p>Hello,</p><p>Thanks for writing to us.</p>", 1, t0, 1],
      [2, "Closing", "Best regards", 2, t0, 2],
    ],
  ]);
  await c.query(
    "INSERT INTO hdz_kb_category (id, name, position, parent, public) VALUES (1, 'Billing &amp; invoices', 1, 0, 1), (2, 'Internal', 2, 1, 0)",
  );
  await c.query(
    "INSERT INTO hdz_articles (id, title, content, category, staff_id, date, last_update, views, public) VALUES ?",
    [
      [
        [1, "How to read your invoice", "<p>Look at the <em>total</em>.</p>", 1, 1, t0, t0 + 10, 42, 1],
        [2, "Refund procedure", "<p>Staff only.</p>", 2, 2, t0, 0, 3, 0],
      ],
    ],
  );
  await c.query(
    "INSERT INTO hdz_emails (id, `default`, name, email, department_id, created, outgoing_type, smtp_host, smtp_port, smtp_encryption, smtp_username, smtp_password, incoming_type, imap_host, imap_port, imap_username, imap_password) VALUES ?",
    [
      [
        [
          1,
          1,
          "Acme Support",
          "support@acme.test",
          1,
          t0,
          "smtp",
          "smtp.acme.test",
          "465",
          "ssl",
          "support",
          "smtp-secret",
          "imap",
          "imap.acme.test",
          "993",
          "support",
          "imap-secret",
        ],
        [2, 0, "Billing", "billing@acme.test", 2, t0, "php", "", "", "", "", "", "", "", "", "", ""],
      ],
    ],
  );
  await c.query("INSERT INTO hdz_emails_tpl (id, position, name, subject, message, status) VALUES ?", [
    [
      [
        "new_ticket",
        3,
        "New ticket creation",
        "[#%ticket_id%] %ticket_subject%",
        "<p>Dear %client_name%,</p>\r\n<p>Ticket ID: %ticket_id% <br />Priority: %ticket_priority%</p>\r\n<p>%support_url%</p>",
        1,
      ],
      [
        "staff_reply",
        5,
        "Staff Reply",
        "Re: [#%ticket_id%] %ticket_subject%",
        "<p>%message% </p>\r\n<p>Status: %ticket_status%</p>",
        0,
      ],
      [
        "lost_password",
        2,
        "Lost password confirmation",
        "Password recovery for %company_name%",
        "<p>Your new passsword is: %client_password%</p>",
        2,
      ],
    ],
  ]);
  await c.query(
    "INSERT INTO hdz_api (id, name, token, date, last_update, permissions, ip_address, active) VALUES ?",
    [
      [
        [
          4,
          "CRM",
          token,
          t0,
          t0,
          phpSerialize({
            tickets: { read: "1", create: "1" },
            attachments: { read: "1", download: "1" },
            messages: { read: "1" },
            reports: { read: "1" },
          }),
          "127.0.0.1, 10.1.*.*",
          1,
        ],
      ],
    ],
  );
  await c.query(
    "INSERT INTO hdz_login_log (date, staff_id, ip, agent, success) VALUES (?, 1, '127.0.0.1', 'test', 1)",
    [t0],
  );
}
