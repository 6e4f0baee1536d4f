// Moves a HelpDeskZ 2 install into Helpdeck: reads its database (and attachments folder) in batches,
// maps each entity (./mappers), and upserts into Helpdeck's database (DATABASE_URL) one transaction per
// batch. Ids are kept. A dry run reads and maps everything and writes nothing.
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import {
  apiKeys,
  attachments,
  cannedResponses,
  customFieldDepartments,
  customFields,
  departments,
  emailAddresses,
  emailTemplates,
  kbArticles,
  kbAttachments,
  kbCategories,
  messages,
  priorities,
  settings,
  staff,
  staffDepartments,
  ticketFieldValues,
  tickets,
  users,
} from "@/db/schema";
import { clearTemplateCache } from "@/lib/mail/templates";
import { randomToken } from "@/lib/tokens";
import { copyAttachmentFile } from "./files";
import { recomputeTicketCounters, raiseAutoIncrements } from "./derived";
import { mapApiKey } from "./mappers/api-keys";
import { mapArticle, mapCanned, mapKbCategory } from "./mappers/content";
import { type MapContext, MISSING_USER, userIdOf } from "./mappers/context";
import { mapCustomField } from "./mappers/custom-fields";
import { mapDepartment, mapPriority } from "./mappers/departments";
import { mapEmailAddress } from "./mappers/mail";
import { mapTemplate } from "./mappers/templates";
import { mapStaff, mapUser } from "./mappers/people";
import { mapSettings } from "./mappers/settings";
import { mapMessage, mapNote, mapTicket } from "./mappers/tickets";
import { ImportReport } from "./report";
import * as rows from "./schema";
import { HelpdeskzSource, type SourceRow } from "./source";
import { inBatch, upsertRows } from "./writer";

export { ImportReport } from "./report";

export type ImportProgress = { phase: string; done: number; total: number; elapsedMs: number };

export type ImportOptions = {
  /** mysql://user:pass@host:port/database of the HelpDeskZ install. */
  from: string;
  prefix?: string;
  /** HelpDeskZ's writable/attachments folder; without it, attachments are reported as skipped. */
  attachmentsDir?: string;
  dryRun?: boolean;
  batchSize?: number;
  /** Import even though the target holds data that did not come from this import (same ids are overwritten). */
  allowExisting?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/** The target holds data the import would overwrite; nothing was written. */
export class ImportConflictError extends Error {}

/** Where a run records that (and how) it imported, so a re-run can resume and tell its rows from others. */
export const MARKER_SETTING = "helpdeskz_import";
const markerSchema = z.object({
  source: z.string(),
  noteIdOffset: z.number().int().nonnegative(),
  maxTicketId: z.number().int().nonnegative(),
  maxMessageId: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
type Marker = z.infer<typeof markerSchema>;

const PLACEHOLDER_EMAIL = "missing-customer@helpdeskz-import.invalid";

/** Notes get message ids above HelpDeskZ's messages, with room for messages it receives before the final run. */
const NOTE_ID_HEADROOM = 100_000;

export async function importHelpdeskz(options: ImportOptions): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 1000;
  const report = new ImportReport(dryRun);
  const source = await HelpdeskzSource.connect(options.from, options.prefix);
  try {
    const run = new Run(source, options, report, dryRun, batchSize);
    await run.all();
  } finally {
    await source.close();
  }
  report.finishedAt = new Date();
  return report;
}

class Run {
  private readonly started = Date.now();
  private total = 0;
  private done = 0;
  private ctx!: MapContext;
  private placeholderUser: number | null = null;

  constructor(
    private readonly source: HelpdeskzSource,
    private readonly options: ImportOptions,
    private readonly report: ImportReport,
    private readonly dryRun: boolean,
    private readonly batchSize: number,
  ) {}

  /** The batch being written while the next one is read and mapped: at most one in flight. */
  private pending: Promise<void> = Promise.resolve();

  /** Writes a batch in its transaction once the previous one is committed; `done` runs after the commit. */
  private async write(work: (tx: Tx) => Promise<void>, done: () => void) {
    await this.pending;
    this.pending = inBatch(this.dryRun, work).then(done);
    // A failure surfaces at the next write or drain; this only keeps it from counting as unhandled.
    this.pending.catch(() => undefined);
  }

  /** Waits for the last batch of a phase: the next phase's rows may reference it. */
  private async drain() {
    await this.pending;
  }

  private progress(phase: string, rowsDone: number) {
    this.done += rowsDone;
    this.options.onProgress?.({
      phase,
      done: this.done,
      total: this.total,
      elapsedMs: Date.now() - this.started,
    });
  }

  async all() {
    const s = this.source;
    const counted = [
      "departments",
      "priority",
      "staff",
      "users",
      "custom_fields",
      "tickets",
      "tickets_messages",
      "ticket_notes",
      "attachments",
      "canned_response",
      "kb_category",
      "articles",
      "emails",
      "emails_tpl",
      "api",
    ];
    for (const table of counted) this.total += await s.count(table);

    const maxMessageId = await s.maxId("tickets_messages");
    const maxNoteId = await s.maxId("ticket_notes");
    const marker = await this.checkTarget();
    const noteIdOffset = marker?.noteIdOffset ?? maxMessageId + NOTE_ID_HEADROOM;
    if (maxMessageId >= noteIdOffset) {
      throw new ImportConflictError(
        `HelpDeskZ now has message ids up to ${maxMessageId}, which reach the ids the first import gave to notes (from ${noteIdOffset}). Import into a fresh database.`,
      );
    }
    const newMarker: Marker = {
      source: describeSource(this.options.from),
      noteIdOffset,
      maxTicketId: Math.max(marker?.maxTicketId ?? 0, await s.maxId("tickets")),
      maxMessageId: Math.max(marker?.maxMessageId ?? 0, maxNoteId ? noteIdOffset + maxNoteId : maxMessageId),
      startedAt: new Date().toISOString(),
    };
    // Written first: a run that crashes half-way is recognised as ours when it is run again.
    await this.saveMarker(newMarker);

    this.ctx = {
      departmentIds: new Set(),
      fallbackDepartmentId: null,
      priorityIds: new Set(),
      staffIds: new Set(),
      fieldsByTitle: new Map(),
      userRemap: new Map(),
      placeholderUserId: null,
      noteIdOffset,
      kbCategoryIds: new Set(),
    };

    await this.settings();
    await this.departments();
    await this.priorities();
    await this.staff();
    await this.users();
    await this.customFields();
    await this.tickets();
    await this.messages();
    await this.notes();
    await this.canned();
    await this.knowledgeBase();
    await this.attachments();
    await this.emailAddresses();
    await this.templates();
    await this.apiKeys();
    this.reportMissingFeatures();

    if (!this.dryRun) {
      this.options.onProgress?.({
        phase: "recomputing ticket counters",
        done: this.done,
        total: this.total,
        elapsedMs: Date.now() - this.started,
      });
      await recomputeTicketCounters(this.batchSize * 10);
      for (const problem of await raiseAutoIncrements()) this.report.note(problem);
      await this.saveMarker({ ...newMarker, finishedAt: new Date().toISOString() });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Target checks

  /** Refuses a target that holds data this import did not write, unless allowExisting says otherwise. */
  private async checkTarget(): Promise<Marker | null> {
    const [row] = await db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.name, MARKER_SETTING));
    const marker = row ? markerSchema.safeParse(safeJson(row.value)) : null;
    if (row && !marker?.success)
      throw new ImportConflictError(
        `The ${MARKER_SETTING} setting is not readable; remove it or import into a fresh database.`,
      );
    const previous = marker?.success ? marker.data : null;
    if (this.options.allowExisting) return previous;

    if (!previous) {
      const counts = await this.targetCounts();
      const filled = Object.entries(counts).filter(([, n]) => n > 0);
      if (filled.length) {
        throw new ImportConflictError(
          `The Helpdeck database already holds data that did not come from a HelpDeskZ import (${filled.map(([t, n]) => `${n} ${t}`).join(", ")}). ` +
            "Import into a freshly migrated database, or pass --allow-existing to overwrite rows with the same ids.",
        );
      }
      return null;
    }
    if (previous.source !== describeSource(this.options.from)) {
      throw new ImportConflictError(
        `This database was imported from ${previous.source}, not ${describeSource(this.options.from)}. Pass --allow-existing to import anyway.`,
      );
    }
    // Tickets or messages created in Helpdeck since the import have ids the source may now also use.
    const [max] = await db
      .select({
        ticket: sql<number | null>`(SELECT MAX(id) FROM ${tickets})`,
        message: sql<number | null>`(SELECT MAX(id) FROM ${messages})`,
      })
      .from(sql`DUAL`);
    const ticketMax = Number(max?.ticket ?? 0);
    const messageMax = Number(max?.message ?? 0);
    if (ticketMax > previous.maxTicketId || messageMax > previous.maxMessageId) {
      throw new ImportConflictError(
        "Tickets or messages were created in Helpdeck after the last import; importing again could overwrite them. " +
          "Pass --allow-existing to import anyway.",
      );
    }
    return previous;
  }

  private async targetCounts() {
    const tables = {
      departments,
      staff,
      users,
      tickets,
      messages,
      "API keys": apiKeys,
      "canned responses": cannedResponses,
      "custom fields": customFields,
      "knowledge base articles": kbArticles,
    };
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) {
      const [row] = await db.select({ n: sql<number>`COUNT(*)` }).from(table);
      counts[name] = Number(row?.n ?? 0);
    }
    return counts;
  }

  private async saveMarker(marker: Marker) {
    if (this.dryRun) return;
    const value = JSON.stringify(marker);
    await db
      .insert(settings)
      .values({ name: MARKER_SETTING, value })
      .onDuplicateKeyUpdate({ set: { value } });
  }

  // -------------------------------------------------------------------------------------------
  // Small tables: read whole

  private async all_<T>(table: string, schema: z.ZodType<T>, select = "*"): Promise<T[]> {
    if (!this.source.has(table)) return [];
    const list = await this.source.query(`SELECT ${select} FROM ${this.source.t(table)} ORDER BY 1`);
    return list.map((r) => schema.parse(r));
  }

  private async settings() {
    if (!this.source.has("config")) {
      this.report.note("hdz_config is missing: settings keep Helpdeck's defaults.");
      return;
    }
    const [config] = await this.source.query(`SELECT * FROM ${this.source.t("config")} ORDER BY id LIMIT 1`);
    if (!config) return;
    const values = mapSettings(rows.configRow.parse(config), this.report);
    await inBatch(this.dryRun, async (tx) => {
      for (const [name, value] of Object.entries(values)) {
        await tx
          .insert(settings)
          .values({ name, value: String(value) })
          .onDuplicateKeyUpdate({ set: { value: String(value) } });
      }
    });
  }

  private async departments() {
    const entity = this.report.entity("departments");
    const list = await this.all_("departments", rows.departmentRow);
    const mapped = list.map((r) => mapDepartment(r, entity)).filter((r) => r !== null);
    entity.read += list.length;
    await inBatch(this.dryRun, (tx) => upsertRows(tx, departments, mapped));
    entity.imported += mapped.length;
    for (const d of mapped) this.ctx.departmentIds.add(d.id!);
    const first = [...mapped].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.id! - b.id!)[0];
    this.ctx.fallbackDepartmentId = first?.id ?? null;
    this.progress("departments", list.length);
  }

  private async priorities() {
    const entity = this.report.entity("priorities");
    const list = await this.all_("priority", rows.priorityRow);
    const mapped = list.map((r) => mapPriority(r, entity));
    entity.read += list.length;
    await inBatch(this.dryRun, (tx) => upsertRows(tx, priorities, mapped));
    entity.imported += mapped.length;
    for (const p of mapped) this.ctx.priorityIds.add(p.id!);
    this.progress("priorities", list.length);
  }

  private async staff() {
    const entity = this.report.entity("staff");
    const list = await this.all_("staff", rows.staffRow);
    entity.read += list.length;
    // Usernames and emails held by Helpdeck staff that this import does not overwrite (same id).
    const sourceIds = new Set(list.map((r) => r.id));
    const taken = { usernames: new Set<string>(), emails: new Set<string>() };
    for (const existing of await db
      .select({ id: staff.id, username: staff.username, email: staff.email })
      .from(staff)) {
      if (sourceIds.has(existing.id)) continue;
      taken.usernames.add(existing.username.toLowerCase());
      taken.emails.add(existing.email.toLowerCase());
    }
    const mapped = list.map((r) => mapStaff(r, entity, taken));
    await inBatch(this.dryRun, async (tx) => {
      await upsertRows(
        tx,
        staff,
        mapped.map((m) => m.value),
      );
      const ids = mapped.map((m) => m.value.id!);
      if (ids.length) await tx.delete(staffDepartments).where(inArray(staffDepartments.staffId, ids));
      const links = mapped.flatMap((m) =>
        m.value.role === "admin"
          ? []
          : m.departmentIds
              .filter((d) => this.ctx.departmentIds.has(d))
              .map((departmentId) => ({ staffId: m.value.id!, departmentId })),
      );
      if (links.length) await tx.insert(staffDepartments).values(links);
    });
    for (const m of mapped) {
      const missing = m.departmentIds.filter((d) => !this.ctx.departmentIds.has(d));
      if (missing.length)
        entity.adjust("member of departments that no longer exist: those dropped", m.value.id!);
    }
    entity.imported += mapped.length;
    for (const m of mapped) this.ctx.staffIds.add(m.value.id!);
    this.progress("staff", list.length);
  }

  private async users() {
    const entity = this.report.entity("users");
    const s = this.source;
    // HelpDeskZ does not make emails unique; Helpdeck does: later accounts merge into the first one.
    const duplicates = await s.query<{ id: number; keep: number }>(
      `SELECT u.id AS id, k.keep AS keep FROM ${s.t("users")} u JOIN (SELECT LOWER(TRIM(email)) AS e, MIN(id) AS keep FROM ${s.t("users")} GROUP BY LOWER(TRIM(email)) HAVING COUNT(*) > 1) k ON LOWER(TRIM(u.email)) = k.e WHERE u.id <> k.keep`,
    );
    for (const d of duplicates) this.ctx.userRemap.set(Number(d.id), Number(d.keep));

    for await (const batch of s.batches(
      `SELECT id, fullname, email, password, registration, last_login, timezone, status FROM ${s.t("users")}`,
      "id",
      this.batchSize,
    )) {
      const values: (typeof users.$inferInsert)[] = [];
      for (const raw of batch) {
        const row = rows.userRow.parse(raw);
        entity.read++;
        const keep = this.ctx.userRemap.get(row.id);
        if (keep !== undefined) {
          entity.skip("same email as an earlier account: merged into it (its tickets follow)", row.id);
          continue;
        }
        const value = mapUser(row, entity);
        if (value) values.push(value);
        else this.ctx.userRemap.set(row.id, MISSING_USER);
      }
      // Accounts that already exist here under another id (only with --allow-existing) absorb these.
      if (values.length) {
        const existing = await db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(
            inArray(
              users.email,
              values.map((v) => v.email),
            ),
          );
        const byEmail = new Map(existing.map((e) => [e.email.toLowerCase(), e.id]));
        for (let i = values.length - 1; i >= 0; i--) {
          const other = byEmail.get(values[i]!.email.toLowerCase());
          if (other !== undefined && other !== values[i]!.id) {
            entity.adjust(
              `email already used by Helpdeck customer ${other}: merged into that account`,
              values[i]!.id!,
            );
            this.ctx.userRemap.set(values[i]!.id!, other);
            values.splice(i, 1);
          }
        }
      }
      await this.write(
        (tx) => upsertRows(tx, users, values),
        () => {
          entity.imported += values.length;
          this.progress("users", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async customFields() {
    const entity = this.report.entity("custom fields");
    const list = await this.all_("custom_fields", rows.customFieldRow);
    entity.read += list.length;
    const mapped = list.map((r) => mapCustomField(r, entity)).filter((m) => m !== null);
    await inBatch(this.dryRun, async (tx) => {
      await upsertRows(
        tx,
        customFields,
        mapped.map((m) => m.value),
      );
      const ids = mapped.map((m) => m.value.id!);
      if (ids.length)
        await tx.delete(customFieldDepartments).where(inArray(customFieldDepartments.fieldId, ids));
      const links = mapped.flatMap((m) =>
        m.departmentIds
          .filter((d) => this.ctx.departmentIds.has(d))
          .map((departmentId) => ({ fieldId: m.value.id!, departmentId })),
      );
      if (links.length) await tx.insert(customFieldDepartments).values(links);
    });
    entity.imported += mapped.length;
    for (const m of mapped) {
      const key = m.value.title.toLowerCase();
      if (this.ctx.fieldsByTitle.has(key))
        entity.adjust("another field has the same title: ticket values go to the first one", m.value.id!);
      else this.ctx.fieldsByTitle.set(key, m.info);
    }
    this.progress("custom fields", list.length);
  }

  // -------------------------------------------------------------------------------------------
  // Large tables: streamed in batches

  /** The placeholder customer for tickets whose customer is gone; created on first need. */
  private async placeholder(): Promise<number> {
    if (this.placeholderUser !== null) return this.placeholderUser;
    if (this.dryRun) return (this.placeholderUser = 0);
    await db
      .insert(users)
      .values({
        fullname: "Deleted customer (HelpDeskZ)",
        email: PLACEHOLDER_EMAIL,
        passwordHash: null,
        blocked: true,
      })
      .onDuplicateKeyUpdate({ set: { blocked: true } });
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, PLACEHOLDER_EMAIL));
    this.placeholderUser = row!.id;
    this.ctx.placeholderUserId = row!.id;
    return row!.id;
  }

  private async resolveUser(id: number | null | undefined): Promise<number | null> {
    if (id == null) return null;
    return id === MISSING_USER ? this.placeholder() : id;
  }

  private async tickets() {
    const entity = this.report.entity("tickets");
    const values = this.report.entity("custom field values");
    const s = this.source;
    const select =
      `SELECT t.id AS id, t.department_id, t.priority_id, t.user_id, t.subject, t.date, t.last_update, t.status, t.custom_vars, ` +
      `(u.id IS NOT NULL) AS user_found, ` +
      `(SELECT CONCAT(m.customer, ':', m.email) FROM ${s.t("tickets_messages")} m WHERE m.ticket_id = t.id ORDER BY m.id LIMIT 1) AS first_message ` +
      `FROM ${s.t("tickets")} t LEFT JOIN ${s.t("users")} u ON u.id = t.user_id`;
    for await (const batch of s.batches(select, "t.id", this.batchSize)) {
      const ticketRows: (typeof tickets.$inferInsert)[] = [];
      const fieldRows: (typeof ticketFieldValues.$inferInsert)[] = [];
      for (const raw of batch) {
        const row = rows.ticketRow.parse(raw);
        entity.read++;
        const mapped = mapTicket(row, this.ctx, entity);
        if (!mapped) continue;
        const userId = (await this.resolveUser(userIdOf(this.ctx, mapped.ticket.userId)))!;
        // The public token is new (HelpDeskZ has none) and kept on re-runs (see upsert `keep`).
        ticketRows.push({ ...mapped.ticket, userId, publicToken: randomToken() });
        fieldRows.push(...mapped.fieldValues);
      }
      values.read += fieldRows.length;
      await this.write(
        async (tx) => {
          await upsertRows(tx, tickets, ticketRows, ["publicToken"]);
          await upsertRows(tx, ticketFieldValues, fieldRows);
        },
        () => {
          entity.imported += ticketRows.length;
          values.imported += fieldRows.length;
          this.progress("tickets", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async messages() {
    const entity = this.report.entity("messages");
    const s = this.source;
    const select =
      `SELECT m.id AS id, m.ticket_id, m.date, m.customer, m.staff_id, m.message, m.ip, ` +
      `(t.id IS NOT NULL) AS ticket_found, t.user_id AS ticket_user_id, (u.id IS NOT NULL) AS user_found ` +
      `FROM ${s.t("tickets_messages")} m LEFT JOIN ${s.t("tickets")} t ON t.id = m.ticket_id LEFT JOIN ${s.t("users")} u ON u.id = t.user_id`;
    for await (const batch of s.batches(select, "m.id", this.batchSize)) {
      const values: (typeof messages.$inferInsert)[] = [];
      for (const raw of batch) {
        const row = rows.messageRow.parse(raw);
        entity.read++;
        const mapped = mapMessage(row, this.ctx, entity);
        if (!mapped) continue;
        values.push({
          ...mapped,
          userId: await this.resolveUser(mapped.userId == null ? null : userIdOf(this.ctx, mapped.userId)),
        });
      }
      await this.write(
        (tx) => upsertRows(tx, messages, values),
        () => {
          entity.imported += values.length;
          this.progress("messages", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async notes() {
    const entity = this.report.entity("notes");
    const s = this.source;
    if (!s.has("ticket_notes")) {
      this.report.note(
        "hdz_ticket_notes does not exist (HelpDeskZ before 2.0.1): no internal notes to import.",
      );
      return;
    }
    const select =
      `SELECT n.id AS id, n.ticket_id, n.staff_id, n.date, n.message, (t.id IS NOT NULL) AS ticket_found ` +
      `FROM ${s.t("ticket_notes")} n LEFT JOIN ${s.t("tickets")} t ON t.id = n.ticket_id`;
    for await (const batch of s.batches(select, "n.id", this.batchSize)) {
      const values: (typeof messages.$inferInsert)[] = [];
      for (const raw of batch) {
        entity.read++;
        const mapped = mapNote(rows.noteRow.parse(raw), this.ctx, entity);
        if (mapped) values.push(mapped);
      }
      await this.write(
        (tx) => upsertRows(tx, messages, values),
        () => {
          entity.imported += values.length;
          this.progress("notes", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async attachments() {
    const entity = this.report.entity("attachments");
    const kbEntity = this.report.entity("kb attachments");
    const s = this.source;
    if (!s.has("attachments")) return;
    const articleJoin = s.has("articles")
      ? `(ar.id IS NOT NULL) AS article_found FROM ${s.t("attachments")} a LEFT JOIN ${s.t("articles")} ar ON ar.id = a.article_id`
      : `0 AS article_found FROM ${s.t("attachments")} a`;
    const select =
      `SELECT a.id AS id, a.name, a.enc, a.filetype, a.article_id, a.ticket_id, a.msg_id, a.filesize, ` +
      `(t.id IS NOT NULL) AS ticket_found, (m.id IS NOT NULL AND m.ticket_id = a.ticket_id) AS message_found, ${articleJoin} ` +
      `LEFT JOIN ${s.t("tickets")} t ON t.id = a.ticket_id LEFT JOIN ${s.t("tickets_messages")} m ON m.id = a.msg_id`;
    const dir = this.options.attachmentsDir;
    for await (const batch of s.batches(select, "a.id", this.batchSize)) {
      const parsed = batch.map((raw: SourceRow) => rows.attachmentRow.parse(raw));
      const ticketFiles: (typeof attachments.$inferInsert)[] = [];
      const articleFiles: (typeof kbAttachments.$inferInsert)[] = [];
      // A few files at a time: enough to keep the disk busy without opening thousands of files.
      for (let i = 0; i < parsed.length; i += 8) {
        await Promise.all(
          parsed.slice(i, i + 8).map(async (row) => {
            // HelpDeskZ keeps knowledge base files in the same table, with article_id set.
            const forArticle = row.article_id > 0 && row.ticket_id === 0;
            const report = forArticle ? kbEntity : entity;
            report.read++;
            if (forArticle ? row.article_found !== 1 : row.ticket_found !== 1) {
              report.skip(forArticle ? "article does not exist" : "ticket does not exist", row.id);
              return;
            }
            if (!dir) {
              report.skip("--attachments folder not given", row.id);
              return;
            }
            const file = await copyAttachmentFile(row, dir, this.dryRun, report);
            if (!file) return;
            if (forArticle) {
              articleFiles.push({ id: row.id, articleId: row.article_id, ...file });
              return;
            }
            let messageId: number | null = null;
            if (row.msg_id > 0) {
              if (row.message_found === 1) messageId = row.msg_id;
              else report.adjust("message no longer exists: attached to the ticket only", row.id);
            }
            ticketFiles.push({ id: row.id, ticketId: row.ticket_id, messageId, ...file });
          }),
        );
      }
      await this.write(
        async (tx) => {
          await upsertRows(tx, attachments, ticketFiles);
          await upsertRows(tx, kbAttachments, articleFiles);
        },
        () => {
          entity.imported += ticketFiles.length;
          kbEntity.imported += articleFiles.length;
          this.progress("attachments", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async canned() {
    const entity = this.report.entity("canned responses");
    const list = await this.all_("canned_response", rows.cannedRow);
    entity.read += list.length;
    const mapped = list.map((r) => mapCanned(r, entity)).filter((r) => r !== null);
    await inBatch(this.dryRun, (tx) => upsertRows(tx, cannedResponses, mapped));
    entity.imported += mapped.length;
    this.progress("canned responses", list.length);
  }

  private async knowledgeBase() {
    const categories = this.report.entity("kb categories");
    const list = await this.all_("kb_category", rows.kbCategoryRow);
    categories.read += list.length;
    const ids = new Set(list.map((c) => c.id));
    const mapped = list.map((r) => {
      const value = mapKbCategory(r);
      if (value.parentId && !ids.has(value.parentId)) {
        categories.adjust("parent category no longer exists: now a top-level category", r.id);
        value.parentId = null;
      }
      return value;
    });
    await inBatch(this.dryRun, (tx) => upsertRows(tx, kbCategories, mapped));
    categories.imported += mapped.length;
    for (const c of mapped) this.ctx.kbCategoryIds.add(c.id!);
    this.progress("kb categories", list.length);

    const articles = this.report.entity("kb articles");
    if (!this.source.has("articles")) return;
    const s = this.source;
    for await (const batch of s.batches(
      `SELECT id, title, content, category, staff_id, date, last_update, views, public FROM ${s.t("articles")}`,
      "id",
      this.batchSize,
    )) {
      const values = batch.map((raw) => mapArticle(rows.articleRow.parse(raw), this.ctx, articles));
      articles.read += batch.length;
      await this.write(
        (tx) => upsertRows(tx, kbArticles, values),
        () => {
          articles.imported += values.length;
          this.progress("kb articles", batch.length);
        },
      );
    }
    await this.drain();
  }

  private async emailAddresses() {
    const entity = this.report.entity("email addresses");
    const list = await this.all_("emails", rows.emailRow);
    entity.read += list.length;
    const seen = new Set<string>();
    const mapped = list
      .map((r) => mapEmailAddress(r, this.ctx, entity))
      .filter((r) => {
        if (!r) return false;
        if (seen.has(r.email)) {
          entity.skip("the same address is listed twice", r.id!);
          return false;
        }
        seen.add(r.email);
        return true;
      }) as (typeof emailAddresses.$inferInsert)[];
    await inBatch(this.dryRun, (tx) => upsertRows(tx, emailAddresses, mapped));
    entity.imported += mapped.length;
    this.progress("email addresses", list.length);
  }

  private async templates() {
    const entity = this.report.entity("email templates");
    const list = await this.all_("emails_tpl", rows.templateRow);
    entity.read += list.length;
    const mapped = list.map((r) => mapTemplate(r, entity, this.report)).filter((r) => r !== null);
    // Keyed by event (unique), not by id: upsert on the event's unique key.
    await inBatch(this.dryRun, async (tx: Tx) => {
      for (const t of mapped) {
        await tx
          .insert(emailTemplates)
          .values(t)
          .onDuplicateKeyUpdate({ set: { subject: t.subject, body: t.body, enabled: t.enabled } });
      }
    });
    clearTemplateCache();
    entity.imported += mapped.length;
    this.progress("email templates", list.length);
  }

  private async apiKeys() {
    const entity = this.report.entity("API keys");
    const list = await this.all_("api", rows.apiRow);
    entity.read += list.length;
    const mapped = list.map((r) => mapApiKey(r, entity)).filter((r) => r !== null);
    await inBatch(this.dryRun, (tx) => upsertRows(tx, apiKeys, mapped));
    entity.imported += mapped.length;
    this.progress("API keys", list.length);
  }

  /** HelpDeskZ data with no place in Helpdeck, named in the report rather than dropped silently. */
  private reportMissingFeatures() {
    const s = this.source;
    const notes: [string, string][] = [
      [
        "login_log",
        "staff sign-in history (hdz_login_log) is not imported; Helpdeck keeps its own audit log from now on",
      ],
      ["login_attempt", "pending sign-in lockouts (hdz_login_attempt) are not carried over"],
    ];
    for (const [table, text] of notes) if (s.has(table)) this.report.note(text);
    if (s.hasColumn("staff", "avatar") || s.hasColumn("users", "avatar"))
      this.report.note("Avatars are not imported: Helpdeck shows initials.");
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** host:port/database of a source URL, without its credentials. */
export function describeSource(url: string) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "3306"}${parsed.pathname}`;
}
