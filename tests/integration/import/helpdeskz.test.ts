// Moving from HelpDeskZ: builds a HelpDeskZ 2 database from its public schema with representative rows
// and files, imports it with the CLI into a database of its own, and proves that people sign in with
// their old passwords, the API answers the old token with the same ids, and nothing is duplicated.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHelpdeskzDatabase,
  databaseUrl,
  dropDatabase,
  fillHelpdeskzSample,
  sample,
} from "../../support/helpdeskz";

const run = promisify(execFile);
const testDb = new URL(process.env.DATABASE_URL!).pathname.slice(1);
const sourceName = `${testDb}_hdz_src`;
const targetName = `${testDb}_import`;
const sourceUrl = databaseUrl(process.env.DATABASE_URL!, sourceName);
const targetUrl = databaseUrl(process.env.DATABASE_URL!, targetName);
const work = path.join(tmpdir(), `helpdeck-import-${process.pid}`);
const hdzFiles = path.join(work, "hdz-attachments");
const targetFiles = path.join(work, "helpdeck-attachments");
const reportFile = path.join(work, "report.txt");
const { token, customerPassword, agentPassword, pdf, manual, t0 } = sample;

// Lib modules are loaded after DATABASE_URL points at the import's database (see beforeAll).
let lib: {
  db: typeof import("@/db").db;
  pool: typeof import("@/db").pool;
  schema: typeof import("@/db/schema");
  importHelpdeskz: typeof import("@/lib/import/helpdeskz").importHelpdeskz;
  ImportConflictError: typeof import("@/lib/import/helpdeskz").ImportConflictError;
  signInStaff: typeof import("@/lib/auth/sign-in").signInStaff;
  signInCustomer: typeof import("@/lib/auth/sign-in").signInCustomer;
  handleApiRequest: typeof import("@/lib/api/router").handleApiRequest;
  sql: typeof import("drizzle-orm").sql;
};

const cli = (...args: string[]) =>
  run(
    "npx",
    [
      "tsx",
      "scripts/import-helpdeskz.ts",
      "--from",
      sourceUrl,
      "--attachments",
      hdzFiles,
      "--report",
      reportFile,
      "--batch",
      "2",
      ...args,
    ],
    {
      env: { ...process.env, DATABASE_URL: targetUrl, ATTACHMENTS_DIR: targetFiles },
      maxBuffer: 10 * 1024 * 1024,
    },
  );

async function count(table: string) {
  const [rows] = (await lib.db.execute(lib.sql.raw(`SELECT COUNT(*) AS n FROM \`${table}\``))) as unknown as [
    { n: number }[],
  ];
  return Number(rows[0]!.n);
}

const countedTables = [
  "departments",
  "priorities",
  "staff",
  "staff_departments",
  "users",
  "custom_fields",
  "custom_field_departments",
  "tickets",
  "ticket_field_values",
  "messages",
  "attachments",
  "canned_responses",
  "kb_categories",
  "kb_articles",
  "kb_attachments",
  "email_addresses",
  "email_templates",
  "api_keys",
];
const allCounts = async () =>
  Object.fromEntries(await Promise.all(countedTables.map(async (t) => [t, await count(t)] as const)));

function api(pathname: string, ip = "127.0.0.1") {
  const segments = pathname.split("/").filter(Boolean);
  return lib.handleApiRequest(
    new Request(`http://helpdeck.test/api/${segments.join("/")}`, {
      headers: { Token: token, "x-helpdeck-client-ip": ip },
    }),
    segments,
  );
}

let source: mysql.Connection;
let cliOutput: { stdout: string; stderr: string };

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  source = await createHelpdeskzDatabase(process.env.DATABASE_URL!, sourceName);
  await fillHelpdeskzSample(source, hdzFiles);
  await dropDatabase(process.env.DATABASE_URL!, targetName);
  await run("npx", ["tsx", "scripts/migrate.ts"], { env: { ...process.env, DATABASE_URL: targetUrl } });

  process.env.DATABASE_URL = targetUrl;
  process.env.ATTACHMENTS_DIR = targetFiles;
  const [dbModule, schema, importer, signIn, router, drizzle] = await Promise.all([
    import("@/db"),
    import("@/db/schema"),
    import("@/lib/import/helpdeskz"),
    import("@/lib/auth/sign-in"),
    import("@/lib/api/router"),
    import("drizzle-orm"),
  ]);
  lib = {
    db: dbModule.db,
    pool: dbModule.pool,
    schema,
    importHelpdeskz: importer.importHelpdeskz,
    ImportConflictError: importer.ImportConflictError,
    signInStaff: signIn.signInStaff,
    signInCustomer: signIn.signInCustomer,
    handleApiRequest: router.handleApiRequest,
    sql: drizzle.sql,
  };
}, 120_000);

afterAll(async () => {
  await lib?.pool.end();
  await source?.end();
  const base = databaseUrl(targetUrl, "");
  await dropDatabase(base, sourceName);
  await dropDatabase(base, targetName);
  rmSync(work, { recursive: true, force: true });
});

describe("import from HelpDeskZ", () => {
  it("a dry run reports what it would import and writes nothing", async () => {
    const { stdout } = await cli("--dry-run");
    expect(stdout).toContain("DRY RUN");
    expect(stdout).toMatch(/tickets\s+4\s+4\s+0/);
    expect(stdout).toContain("file missing from the attachments folder");
    expect(Object.values(await allCounts()).every((n) => n === 0)).toBe(true);
  }, 120_000);

  it("imports everything with the CLI, with a progress line and a report file", async () => {
    cliOutput = await cli();
    expect(cliOutput.stderr).toMatch(/\d+\/\d+ rows · [\d,]+ rows\/s/);
    const report = readFileSync(reportFile, "utf8");
    expect(report).toBe(cliOutput.stdout);
    expect(report).toContain("file missing from the attachments folder");
    expect(report).toContain("same email as an earlier account: merged into it");
    expect(report).toContain("HelpDeskZ mails a new password");
    expect(report).toContain("unknown permission reports/read dropped");
    expect(
      JSON.parse(readFileSync(reportFile.replace(/\.txt$/, ".json"), "utf8")).entities.tickets.imported,
    ).toBe(4);

    expect(await allCounts()).toEqual({
      departments: 2,
      priorities: 3,
      staff: 3,
      staff_departments: 2, // agent → Billing, gone → General; the admin sees every department anyway
      users: 2 + 1, // alice and the old timer (the duplicate merged, the bad address skipped) + the placeholder customer
      custom_fields: 3,
      custom_field_departments: 1,
      tickets: 4,
      ticket_field_values: 3,
      messages: 7 + 1, // 1004 belongs to no ticket; one note
      attachments: 1,
      canned_responses: 2,
      kb_categories: 2,
      kb_articles: 2,
      kb_attachments: 1,
      email_addresses: 2,
      email_templates: 2,
      api_keys: 1,
    });
  }, 120_000);

  it("an imported customer and agent sign in with their old passwords", async () => {
    const customer = await lib.signInCustomer(
      { email: "alice@customer.test", password: customerPassword },
      "192.0.2.10",
    );
    expect(customer).toEqual({ ok: true, id: 5 });
    const agent = await lib.signInStaff({ login: "agent", password: agentPassword }, "192.0.2.10");
    expect(agent).toEqual({ ok: true, id: 2 });
    expect(await lib.signInStaff({ login: "gone", password: "gone-password" }, "192.0.2.10")).toMatchObject({
      ok: false,
    });
    // The old sha1 hash of HelpDeskZ 1.x is not kept: that customer resets the password.
    expect(
      await lib.signInCustomer({ email: "old@customer.test", password: "password" }, "192.0.2.10"),
    ).toMatchObject({ ok: false });
  });

  it("the API answers the old token with the same ticket ids, and its IP list still applies", async () => {
    const response = await api("tickets/show/123");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.ticket).toMatchObject({
      id: "123",
      user_id: "5",
      department_id: "2",
      subject: "Invoice is wrong",
      status: "3",
      replies: "2",
    });
    expect(body.ticket.date).toBe(String(t0 + 100));

    const merged = await (await api("tickets/show/124")).json();
    expect(merged.ticket.user_id).toBe("5");

    const file = await (await api("attachments/show/50")).json();
    expect(file).toMatchObject({
      name: "invoice.pdf",
      filetype: "application/pdf",
      size: String(pdf.length),
    });
    expect(Buffer.from(file.content, "base64").equals(pdf)).toBe(true);

    const fromWildcard = await api("tickets/show/123", "10.1.20.30");
    expect(fromWildcard.status).toBe(200);
    const elsewhere = await api("tickets/show/123", "192.0.2.99");
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).message).toContain("is not allowed");
    const notAllowed = await api("users");
    expect((await notAllowed.json()).message).toMatch(/^Permission not allowed/);
  });

  it("keeps messages, notes, custom field values and derived ticket columns", async () => {
    const { eq, asc } = await import("drizzle-orm");
    const { messages, tickets, ticketFieldValues, users, attachments } = lib.schema;
    const thread = await lib.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, 123))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    expect(thread.map((m) => [m.authorType, m.isNote, m.bodyFormat])).toEqual([
      ["user", false, "text"],
      ["staff", true, "text"],
      ["staff", false, "html"],
      ["user", false, "text"],
    ]);
    expect(thread[0]!.body).toBe("Hello,\nmy invoice says 100 & it should be 90.");
    expect(thread[1]!.body).toBe("Called & left a message <voicemail>");
    expect(thread[2]!.staffId).toBe(2);

    const [ticket] = await lib.db.select().from(tickets).where(eq(tickets.id, 123));
    expect(ticket).toMatchObject({
      replies: 2,
      lastReplierType: "user",
      status: 3,
      priorityId: 3,
      source: "web",
    });
    expect(ticket!.firstResponseAt?.getTime()).toBe((t0 + 200) * 1000);
    expect(ticket!.lastUpdateAt.getTime()).toBe((t0 + 400) * 1000);

    const [staffOpened] = await lib.db.select().from(tickets).where(eq(tickets.id, 126));
    expect(staffOpened).toMatchObject({
      source: "staff",
      replies: 1,
      lastReplierType: "staff",
      lastReplierStaffId: null,
    });

    const [orphan] = await lib.db.select().from(tickets).where(eq(tickets.id, 125));
    const [placeholder] = await lib.db.select().from(users).where(eq(users.id, orphan!.userId));
    expect(placeholder!.email).toBe("missing-customer@helpdeskz-import.invalid");
    expect(orphan).toMatchObject({ departmentId: 1, status: 5 });
    expect(orphan!.closedAt).not.toBeNull();

    const values = await lib.db
      .select()
      .from(ticketFieldValues)
      .where(eq(ticketFieldValues.ticketId, 123))
      .orderBy(asc(ticketFieldValues.fieldId));
    expect(values.map((v) => v.value)).toEqual(["Gadget", '["Email","Chat"]', "A-1001"]);

    const [file] = await lib.db.select().from(attachments).where(eq(attachments.id, 50));
    expect(file).toMatchObject({
      ticketId: 123,
      messageId: 1001,
      size: pdf.length,
      contentType: "application/pdf",
    });
    expect(file!.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
  });

  it("translates templates, email addresses, API key, knowledge base and settings", async () => {
    const { eq } = await import("drizzle-orm");
    const { emailTemplates, emailAddresses, apiKeys, kbArticles, kbAttachments, kbCategories, staff } =
      lib.schema;
    const [newTicket] = await lib.db
      .select()
      .from(emailTemplates)
      .where(eq(emailTemplates.event, "new_ticket_customer"));
    expect(newTicket!.subject).toBe("[#{{ticket.id}}] {{ticket.subject}}");
    expect(newTicket!.body).toBe(
      "Dear {{customer.name}},\n\nTicket ID: {{ticket.id}}\nPriority:\n\n{{ticket.link}}",
    );
    const [reply] = await lib.db.select().from(emailTemplates).where(eq(emailTemplates.event, "staff_reply"));
    expect(reply!.enabled).toBe(false);

    const [smtp] = await lib.db.select().from(emailAddresses).where(eq(emailAddresses.id, 1));
    expect(smtp).toMatchObject({
      smtpHost: "smtp.acme.test",
      smtpPort: 465,
      smtpSecurity: "tls",
      incoming: "imap",
      imapPort: 993,
      isDefault: true,
      departmentId: 1,
    });
    const { decryptSecret } = await import("@/lib/crypto");
    expect(decryptSecret(smtp!.smtpPasswordEnc!)).toBe("smtp-secret");

    const [key] = await lib.db.select().from(apiKeys).where(eq(apiKeys.id, 4));
    expect([...key!.permissions].sort()).toEqual([
      "attachments/download",
      "attachments/read",
      "messages/read",
      "tickets/create",
      "tickets/read",
    ]);
    expect(key!.ipAllowlist).toBe("127.0.0.1\n10.1.*.*");

    const articles = await lib.db.select().from(kbArticles);
    expect(articles.map((a) => [a.id, a.status, a.isPublic, a.categoryId, a.views, a.format])).toEqual([
      [1, "published", true, 1, 42, "html"],
      [2, "published", false, 2, 3, "html"],
    ]);
    expect(articles[0]!.bodyHtml).toBe("<p>Look at the <em>total</em>.</p>");
    expect(articles[0]!.bodyText).toBe("Look at the total.");
    const [kbFile] = await lib.db.select().from(kbAttachments);
    expect(kbFile).toMatchObject({
      id: 52,
      articleId: 1,
      filename: "manual.pdf",
      size: manual.length,
      contentType: "application/pdf",
    });
    const [category] = await lib.db.select().from(kbCategories).where(eq(kbCategories.id, 1));
    expect(category!.name).toBe("Billing & invoices");

    const [boss] = await lib.db.select().from(staff).where(eq(staff.id, 1));
    expect(boss!.role).toBe("admin");
    const [agent] = await lib.db.select().from(staff).where(eq(staff.id, 2));
    expect(agent!.signature).toBe("Andy, Billing");
    const [gone] = await lib.db.select().from(staff).where(eq(staff.id, 3));
    expect(gone).toMatchObject({ active: false, email: "staff-3@helpdeskz-import.invalid" });

    const { getSettings } = await import("@/lib/settings");
    expect(await getSettings()).toMatchObject({
      helpdeskName: "Acme Support",
      timezone: "Europe/Paris",
      dateFormat: "dd MMMM yyyy hh:mm aaa",
      replyOrder: "desc",
      signInAttempts: 3,
      attachmentsAllowedTypes: "jpg,png,pdf",
      attachmentsMaxSizeMb: 2.5,
      overdueHours: 48,
    });
  });

  it("runs again without duplicating anything, keeping ticket links", async () => {
    const { eq } = await import("drizzle-orm");
    const { tickets } = lib.schema;
    const before = await allCounts();
    const [{ publicToken }] = (await lib.db
      .select({ publicToken: tickets.publicToken })
      .from(tickets)
      .where(eq(tickets.id, 123))) as [{ publicToken: string }];
    const report = await lib.importHelpdeskz({ from: sourceUrl, attachmentsDir: hdzFiles, batchSize: 3 });
    expect(report.entity("tickets").imported).toBe(4);
    expect(await allCounts()).toEqual(before);
    const [again] = await lib.db
      .select({ publicToken: tickets.publicToken })
      .from(tickets)
      .where(eq(tickets.id, 123));
    expect(again!.publicToken).toBe(publicToken);
  }, 60_000);

  it("new tickets get ids above the imported ones, and a later import refuses to overwrite them", async () => {
    const { createTicket } = await import("@/lib/tickets/create");
    const created = await createTicket({
      requester: { userId: 5 },
      subject: "Made in Helpdeck",
      message: "after the move",
      departmentId: 1,
      source: "web",
      openedBy: { type: "user", id: 5 },
      notify: false,
    });
    expect(created.id).toBeGreaterThan(126);

    await expect(lib.importHelpdeskz({ from: sourceUrl, attachmentsDir: hdzFiles })).rejects.toBeInstanceOf(
      lib.ImportConflictError,
    );

    // Without the import's marker, the same data counts as someone else's: refused too.
    const { settings } = lib.schema;
    const { eq } = await import("drizzle-orm");
    await lib.db.delete(settings).where(eq(settings.name, "helpdeskz_import"));
    await expect(
      lib.importHelpdeskz({ from: sourceUrl, attachmentsDir: hdzFiles, dryRun: true }),
    ).rejects.toThrow(/did not come from a HelpDeskZ import/);
  }, 60_000);

  it("reads installs from before HelpDeskZ 2.0.1 (no notes table, no two-factor column)", async () => {
    await source.query("DROP TABLE hdz_ticket_notes");
    await source.query("ALTER TABLE hdz_staff DROP COLUMN two_factor");
    const before = await count("messages");
    const report = await lib.importHelpdeskz({
      from: sourceUrl,
      attachmentsDir: hdzFiles,
      dryRun: true,
      allowExisting: true,
    });
    expect(report.notes.join("\n")).toContain("hdz_ticket_notes does not exist");
    expect(report.entity("staff").imported).toBe(3);
    expect(report.entity("messages").imported).toBe(7);
    expect(await count("messages")).toBe(before);
  }, 60_000);
});
