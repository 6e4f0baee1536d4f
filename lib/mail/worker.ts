import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { ResultSetHeader } from "mysql2";
import { db } from "@/db";
import { attachments, outbox, type OutboxMail } from "@/db/schema";
import { readAttachmentFile } from "../attachments";
import { closeIdleAnsweredTickets } from "../tickets/auto-close";
import { getEmailAddress, getSendingAddress } from "./addresses";
import { smtpTransportFor } from "./transport";

/** After this many failed attempts (about a day with the default backoff) a mail is marked failed. */
export const MAX_ATTEMPTS = 12;
/** A claimed mail is someone's for this long; if its worker dies, another one picks it up after it. */
const CLAIM_LEASE_SECONDS = 600;

/** 1, 2, 4 … minutes, capped at 6 hours, with jitter so that a recovering server is not hit all at once. */
export function defaultBackoffMs(attempt: number) {
  const base = Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export type SendOptions = {
  limit?: number;
  backoffMs?: (attempt: number) => number;
  log?: (line: string) => void;
  /** Only mail sent from these addresses (a worker per address, or tests sharing one database). */
  emailAddressIds?: number[];
};
export type SendReport = { sent: number; retrying: number; failed: number };

const affected = (result: unknown) => (result as [ResultSetHeader])[0].affectedRows;

/** Takes a due mail for this worker; false when another worker got it first. */
async function claim(row: Pick<OutboxMail, "id" | "status" | "attempts">) {
  const result = await db
    .update(outbox)
    .set({
      status: "sending",
      attempts: sql`${outbox.attempts} + 1`,
      nextAttemptAt: sql`NOW() + INTERVAL ${CLAIM_LEASE_SECONDS} SECOND`,
    })
    .where(
      and(
        eq(outbox.id, row.id),
        eq(outbox.status, row.status),
        eq(outbox.attempts, row.attempts),
        lte(outbox.nextAttemptAt, sql`NOW()`),
      ),
    );
  return affected(result) === 1;
}

/** 5xx SMTP replies are permanent (bad recipient, rejected content): retrying will not help. */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

async function deliver(mail: OutboxMail) {
  const address =
    (mail.emailAddressId ? await getEmailAddress(db, mail.emailAddressId) : null) ??
    (await getSendingAddress(db, null));
  if (!address) throw new Error("No email address is configured to send from");
  const files = mail.attachmentIds?.length
    ? await db.select().from(attachments).where(inArray(attachments.id, mail.attachmentIds))
    : [];
  const mailAttachments = await Promise.all(
    files.map(async (file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: await readAttachmentFile(file.storageKey),
      ...(file.contentId ? { cid: file.contentId } : {}),
    })),
  );
  await smtpTransportFor(address).sendMail({
    from: { name: address.senderName, address: address.email },
    replyTo: address.email,
    to: mail.toAddress,
    cc: mail.ccAddress ?? undefined,
    subject: mail.subject,
    text: mail.bodyText,
    html: mail.bodyHtml ?? undefined,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo ?? undefined,
    references: mail.references ?? undefined,
    headers: mail.headers ?? undefined,
    attachments: mailAttachments,
  });
}

/** Sends every mail that is due now (up to `limit`), scheduling retries with backoff for the ones that fail. */
export async function sendDueMail(options: SendOptions = {}): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  const due = await db
    .select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ["pending", "sending"]),
        lte(outbox.nextAttemptAt, sql`NOW()`),
        options.emailAddressIds ? inArray(outbox.emailAddressId, options.emailAddressIds) : undefined,
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(options.limit ?? 50);
  for (const candidate of due) {
    if (!(await claim(candidate))) continue;
    const [mail] = await db.select().from(outbox).where(eq(outbox.id, candidate.id));
    if (!mail) continue;
    try {
      await deliver(mail);
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: sql`NOW()`, lastError: null })
        .where(eq(outbox.id, mail.id));
      report.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = isPermanent(error) || mail.attempts >= MAX_ATTEMPTS;
      const delaySeconds = Math.ceil((options.backoffMs ?? defaultBackoffMs)(mail.attempts) / 1000);
      await db
        .update(outbox)
        .set(
          giveUp
            ? { status: "failed", lastError: message.slice(0, 2000) }
            : {
                status: "pending",
                lastError: message.slice(0, 2000),
                nextAttemptAt: sql`NOW() + INTERVAL ${delaySeconds} SECOND`,
              },
        )
        .where(eq(outbox.id, mail.id));
      if (giveUp) report.failed++;
      else report.retrying++;
      options.log?.(
        `outbox #${mail.id} (${mail.event} to ${mail.toAddress}) attempt ${mail.attempts} failed: ${message}`,
      );
    }
  }
  return report;
}

/** Sends until nothing is due any more (a batch that found fewer mails than its limit). */
export async function drainOutbox(options: SendOptions = {}): Promise<SendReport> {
  const total: SendReport = { sent: 0, retrying: 0, failed: 0 };
  const limit = options.limit ?? 50;
  for (;;) {
    const batch = await sendDueMail({ ...options, limit });
    total.sent += batch.sent;
    total.retrying += batch.retrying;
    total.failed += batch.failed;
    if (batch.sent + batch.retrying + batch.failed < limit) return total;
  }
}

const HOUSEKEEPING_INTERVAL_MS = 60_000;

/** Timed ticket work (auto-close); a failure is logged and tried again at the next round. */
export async function runHousekeeping(log: (line: string) => void) {
  try {
    const closed = await closeIdleAnsweredTickets();
    if (closed) log(`closed ${closed} answered ${closed === 1 ? "ticket" : "tickets"} without a customer reply`);
  } catch (error) {
    log(`auto-close failed (will try again): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Polls the outbox every `intervalMs` until stopped. Database or SMTP trouble is logged and tried again on
 * the next tick: the worker never dies of it. `keepAlive: false` lets the host process exit without stopping it.
 */
export function startMailWorker(options: SendOptions & { intervalMs?: number; keepAlive?: boolean } = {}) {
  const log = options.log ?? ((line: string) => console.error(`[mail-worker] ${line}`));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  // A database that stays down is reported once, not every few seconds.
  let lastProblem = "";
  let lastHousekeeping = 0;
  const tick = () => {
    running = drainOutbox({ ...options, log })
      .then((report) => {
        if (lastProblem) log("outbox reachable again");
        lastProblem = "";
        if (report.sent || report.failed)
          log(`sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`);
      })
      .then(async () => {
        // The help desk's timed work rides on this loop, once a minute: it runs wherever mail is sent.
        if (Date.now() - lastHousekeeping < HOUSEKEEPING_INTERVAL_MS) return;
        lastHousekeeping = Date.now();
        await runHousekeeping(log);
      })
      .catch((error: unknown) => {
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== lastProblem) log(`outbox check failed (will keep trying): ${problem}`);
        lastProblem = problem;
      })
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, options.intervalMs ?? 5000);
        if (options.keepAlive === false) timer.unref();
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
