import { and, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { inboundMail, outbox } from "@/db/schema";
import { AppError } from "../errors";
import { ingest, textToRaw, type IngestResult } from "./ingest";

// Read and retry functions for the admin pages: the outbox (pending, sent, failed) and the inbound
// dead-letter list (messages kept raw because they could not be stored, or were held back).

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export async function countOutboxByStatus() {
  const rows = await db.select({ status: outbox.status, total: count() }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.total])) as Partial<
    Record<OutboxStatus, number>
  >;
}

/** Newest first, keyset-paginated: pass the last id of a page as `beforeId` for the next one. */
export function listOutbox(query: { status?: OutboxStatus; beforeId?: number; limit?: number } = {}) {
  return db
    .select({
      id: outbox.id,
      event: outbox.event,
      ticketId: outbox.ticketId,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(
      and(
        query.status ? eq(outbox.status, query.status) : undefined,
        query.beforeId ? lt(outbox.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(Math.min(query.limit ?? 50, 200));
}

export async function getOutboxMail(id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new AppError("not_found", "Mail not found.");
  return row;
}

/** Sends a failed (or waiting) mail again at the next worker tick, with a fresh attempt count. */
export async function retryOutboxMail(id: number) {
  const mail = await getOutboxMail(id);
  if (mail.status === "sent" || mail.status === "sending")
    throw new AppError("conflict", "This mail is not waiting to be sent.");
  await db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`NOW()` })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ["pending", "failed"])));
}

/** After fixing the SMTP settings: every failed mail is tried again. Returns how many. */
export async function retryAllFailedMail() {
  const [result] = await db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`NOW()` })
    .where(eq(outbox.status, "failed"));
  return result.affectedRows;
}

export type InboundStatus = "stored" | "ignored" | "failed";

/** Inbound mail log, newest first; `failed` is the dead-letter list, `ignored` what was held back on purpose. */
export function listInboundMail(query: { status?: InboundStatus; beforeId?: number; limit?: number } = {}) {
  return db
    .select({
      id: inboundMail.id,
      source: inboundMail.source,
      messageId: inboundMail.messageId,
      fromAddress: inboundMail.fromAddress,
      subject: inboundMail.subject,
      status: inboundMail.status,
      reason: inboundMail.reason,
      ticketId: inboundMail.ticketId,
      hasRaw: sql<number>`${inboundMail.raw} IS NOT NULL`.mapWith(Boolean),
      createdAt: inboundMail.createdAt,
    })
    .from(inboundMail)
    .where(
      and(
        query.status ? eq(inboundMail.status, query.status) : undefined,
        query.beforeId ? lt(inboundMail.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(inboundMail.id))
    .limit(Math.min(query.limit ?? 50, 200));
}

/** The raw message as received, for an admin to read or download (.eml). */
export async function getInboundRaw(id: number): Promise<Buffer> {
  const [row] = await db.select({ raw: inboundMail.raw }).from(inboundMail).where(eq(inboundMail.id, id));
  if (!row?.raw) throw new AppError("not_found", "No raw message is kept for this mail.");
  return textToRaw(row.raw);
}

/** Runs a dead letter (or held-back message) through ingest again, e.g. after unblocking its sender. */
export async function retryInboundMail(id: number): Promise<IngestResult> {
  const [row] = await db
    .select({
      raw: inboundMail.raw,
      status: inboundMail.status,
      source: inboundMail.source,
      emailAddressId: inboundMail.emailAddressId,
    })
    .from(inboundMail)
    .where(eq(inboundMail.id, id));
  if (!row) throw new AppError("not_found", "Mail not found.");
  if (row.status === "stored" || !row.raw) throw new AppError("conflict", "This mail is already stored.");
  return ingest(textToRaw(row.raw), row.source, { emailAddressId: row.emailAddressId, retry: true });
}
