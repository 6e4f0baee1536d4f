import { and, eq, inArray, sql } from "drizzle-orm";
import mysql from "mysql2/promise";
import { db, idleWithoutHoldingProcess } from "@/db";
import { sendTogether } from "@/db/batch";
import { inboundMail, messages, outbox, ticketParticipants, tickets, users } from "@/db/schema";
import type { IncomingFile } from "../attachments";
import { env } from "../env";
import { AppError, isAppError, isTemporaryError } from "../errors";
import { hitRateLimits } from "../rate-limit";
import { getCachedSettings } from "../settings";
import { createTicket } from "../tickets/create";
import { addCustomerReply } from "../tickets/replies";
import { sha256 } from "../tokens";
import { findOrCreateCustomer } from "../users";
import { departmentForIncomingMail, getEmailAddress } from "./addresses";
import { escapeHtml } from "./templates";
import { sanitizeMailHtml } from "./html";
import { parseInbound, type InboundMessage } from "./parse";

export type MailSource = "pipe" | "imap";

export type IngestResult =
  | { status: "stored"; inboundId: number; ticketId: number; messageId: number; createdTicket: boolean }
  /** Seen before (re-delivery, or a re-fetch after a crash): nothing new was written. */
  | { status: "duplicate"; ticketId: number | null }
  /** Deliberately not stored as a message (kept raw in inbound_mail with the reason). */
  | { status: "ignored"; inboundId: number; reason: string }
  /** Could not be stored: kept raw in the dead-letter list for an admin to read and retry. */
  | { status: "failed"; inboundId: number; reason: string };

/** More mail than this from one sender in an hour is held back (kept raw): a mail loop, or a flood. */
export const INBOUND_PER_SENDER_PER_HOUR = 60;
/** At most this many automatic answers (new-ticket confirmations, auto-responses) to one sender in an hour. */
export const AUTO_ANSWERS_PER_SENDER_PER_HOUR = 10;

// Raw messages are bytes in any charset; latin1 maps each byte to one character, so the text column round-trips them exactly.
/** The largest message the MTA doors take (HTTP pipe, LMTP): as large as a form post may be (next.config's serverActions.bodySizeLimit); MTAs default to less. */
export const MAX_INBOUND_BYTES = 30 * 1024 * 1024;

export const rawToText = (raw: Buffer) => raw.toString("latin1");
export const textToRaw = (text: string) => Buffer.from(text, "latin1");

/**
 * Connections for message locks, apart from the app's pool: the work under a lock needs pool
 * connections, and concurrent ingests in one process each holding a pooled connection for a lock could
 * take them all and wait forever. A pool of their own rather than a connection per message: connecting
 * cost ~3 ms of CPU per message, a sixth of storing one. Idle, their sockets do not keep the process
 * alive, so a script that ends the app's pool still exits.
 */
function lockPool(): mysql.Pool {
  const holder = globalThis as { helpdeckLockPool?: mysql.Pool };
  return (holder.helpdeckLockPool ??= idleWithoutHoldingProcess(
    mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: 4, maxIdle: 4, trace: false }),
  ));
}

/** Serialises work on one message across processes (pipe and IMAP may see the same mail at once). */
async function withMessageLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const connection = await lockPool().getConnection();
  const name = `helpdeck-ingest-${key.slice(0, 40)}`;
  let reusable = false; // false while the session may still hold the lock
  try {
    const [rows] = await connection.query<import("mysql2").RowDataPacket[]>("SELECT GET_LOCK(?, 60) AS locked", [name]);
    if (rows[0]?.locked !== 1) {
      reusable = true;
      throw new AppError("unavailable", "Another process holds this message; try again later.");
    }
    try {
      return await work();
    } finally {
      // Named: an unnamed column is named after its text, and mysql2 compiles (and keeps) a row parser per column name.
      reusable = await connection.query("SELECT RELEASE_LOCK(?) AS released", [name]).then(
        () => true,
        () => false,
      );
    }
  } finally {
    // A connection that may still hold the lock must not serve the next message (locks are per session).
    if (reusable) connection.release();
    else connection.destroy();
  }
}

type Outcome = {
  status: "stored" | "ignored" | "failed";
  reason?: string | null;
  ticketId?: number | null;
  keepRaw: boolean;
};

async function recordInbound(
  dedupeKey: string,
  raw: Buffer,
  source: MailSource,
  emailAddressId: number | null,
  parsed: InboundMessage | null,
  outcome: Outcome,
) {
  const values = {
    status: outcome.status,
    reason: outcome.reason?.slice(0, 2000) ?? null,
    ticketId: outcome.ticketId ?? null,
    raw: outcome.keepRaw ? rawToText(raw) : null,
  };
  const [result] = await db
    .insert(inboundMail)
    .values({
      dedupeKey,
      messageId: parsed?.syntheticMessageId ? null : (parsed?.messageId ?? null),
      source,
      emailAddressId,
      fromAddress: parsed?.from?.address ?? null,
      subject: parsed?.subject.slice(0, 998) ?? null,
      ...values,
    })
    // The existing row's id comes back as the statement's insert id, as a new row's does: no second read.
    .onDuplicateKeyUpdate({ set: { ...values, id: sql`LAST_INSERT_ID(${inboundMail.id})` } });
  return Number(result.insertId);
}

/** A reply's ticket by its headers: our outgoing Message-IDs and the ones of mail we stored. */
async function ticketByHeaders(refs: string[]): Promise<number | null> {
  if (refs.length === 0) return null;
  const [sent, received] = await Promise.all([
    db
      .select({ id: outbox.messageId, ticketId: outbox.ticketId })
      .from(outbox)
      .where(inArray(outbox.messageId, refs)),
    db
      .select({ id: messages.emailMessageId, ticketId: messages.ticketId })
      .from(messages)
      .where(inArray(messages.emailMessageId, refs)),
  ]);
  const byId = new Map<string, number>();
  for (const row of [...sent, ...received]) if (row.id && row.ticketId) byId.set(row.id, row.ticketId);
  for (const ref of refs) if (byId.has(ref)) return byId.get(ref)!;
  return null;
}

/** A reply's ticket by "[#123]" in the subject; only for the requester or a participant, so a guessed number reveals nothing. */
async function ticketBySubject(subject: string, sender: string): Promise<number | null> {
  const match = /\[#(\d{1,10})\]/.exec(subject);
  if (!match) return null;
  const ticketId = Number(match[1]);
  const [ticket] = await db
    .select({ id: tickets.id, email: users.email })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.userId))
    .where(eq(tickets.id, ticketId));
  if (!ticket) return null;
  if (ticket.email.toLowerCase() === sender) return ticket.id;
  const [participant] = await db
    .select({ email: ticketParticipants.email })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.email, sender)));
  return participant ? ticket.id : null;
}

/** A merged ticket's mail goes to the ticket it was merged into. */
async function followMerges(ticketId: number): Promise<number> {
  let current = ticketId;
  for (let hops = 0; hops < 10; hops++) {
    const [row] = await db
      .select({ mergedIntoId: tickets.mergedIntoId })
      .from(tickets)
      .where(eq(tickets.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "text/plain": "txt",
  "text/html": "html",
  "text/calendar": "ics",
  "message/rfc822": "eml",
  "application/ms-tnef": "dat",
  "application/vnd.ms-tnef": "dat",
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Attachments within the size limit, and a note for each one left out (the mail itself is kept). */
async function acceptAttachments(parsed: InboundMessage) {
  const rules = await getCachedSettings();
  const maxBytes = rules.attachmentsMaxSizeMb * 1024 * 1024;
  const files: IncomingFile[] = [];
  const notes: string[] = [];
  parsed.attachments.forEach((attachment, index) => {
    const type = attachment.contentType.toLowerCase();
    const filename =
      attachment.filename?.trim() ||
      `${attachment.contentId ? "inline" : "attachment"}-${index + 1}.${EXTENSIONS[type] ?? "bin"}`;
    if (!rules.attachmentsEnabled) {
      notes.push(`The attachment "${filename}" was not kept: attachments are turned off.`);
    } else if (attachment.content.length > maxBytes) {
      notes.push(
        `The attachment "${filename}" (${megabytes(attachment.content.length)}) was not kept: it is larger than the ${rules.attachmentsMaxSizeMb} MB limit.`,
      );
    } else {
      files.push({
        filename,
        contentType: type,
        data: attachment.content,
        contentId: attachment.contentId ?? undefined,
      });
    }
  });
  return { files, notes };
}

function messageBody(parsed: InboundMessage, notes: string[]): { body: string; format: "text" | "html" } {
  const html = parsed.html ? sanitizeMailHtml(parsed.html) : "";
  const htmlHasText = html.replace(/<[^>]*>|&nbsp;|\s/g, "").length > 0;
  if (html && (htmlHasText || !parsed.text.trim())) {
    const noteHtml = notes.map((note) => `<p class="mail-note"><em>${escapeHtml(note)}</em></p>`).join("");
    return { body: html + noteHtml, format: "html" };
  }
  const text = parsed.text.trim() || "(no message text)";
  return {
    body: notes.length ? `${text}\n\n${notes.map((note) => `[${note}]`).join("\n")}` : text,
    format: "text",
  };
}

async function addParticipants(ticketId: number, emails: string[]) {
  const unique = [...new Set(emails)].filter(Boolean).slice(0, 50);
  if (unique.length) {
    await db
      .insert(ticketParticipants)
      .ignore()
      .values(unique.map((email) => ({ ticketId, email })));
  }
}

type IngestOptions = {
  emailAddressId?: number | null;
  /** An admin's retry: the rate limit does not apply again. */ retry?: boolean;
};

/**
 * The one entry for inbound mail (pipe and IMAP). Stores the message once (dedupe by Message-ID), in the
 * ticket it answers or in a new ticket, and records the outcome in inbound_mail. Throws only when it cannot
 * store anything now (database or disk unavailable): the caller then leaves the message for a later try.
 */
export async function ingest(
  raw: Buffer,
  source: MailSource,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const emailAddressId = options.emailAddressId ?? null;
  let parsed: InboundMessage | null = null;
  try {
    parsed = await parseInbound(raw);
  } catch (error) {
    const dedupeKey = sha256(raw);
    const reason = `Could not parse the message: ${error instanceof Error ? error.message : String(error)}`;
    return withMessageLock(dedupeKey, async () => {
      const inboundId = await recordInbound(dedupeKey, raw, source, emailAddressId, null, {
        status: "failed",
        reason,
        keepRaw: true,
      });
      return { status: "failed", inboundId, reason };
    });
  }
  const message = parsed;
  const dedupeKey = sha256(message.messageId);

  return withMessageLock(dedupeKey, async () => {
    const { seen, stored, ours, fromStaff } = await lookUp(message, dedupeKey);
    if (seen && !(options.retry && seen.status !== "stored"))
      return { status: "duplicate", ticketId: seen.ticketId };
    // Stored before the outcome was recorded (a crash in between): the message row itself proves it.
    if (stored) {
      await recordInbound(dedupeKey, raw, source, emailAddressId, message, {
        status: "stored",
        ticketId: stored.ticketId,
        keepRaw: false,
      });
      return { status: "duplicate", ticketId: stored.ticketId };
    }

    const finish = async (outcome: Outcome) =>
      recordInbound(dedupeKey, raw, source, emailAddressId, message, outcome);
    const ignore = async (reason: string) => ({
      status: "ignored" as const,
      reason,
      inboundId: await finish({ status: "ignored", reason, keepRaw: true }),
    });

    try {
      return await storeMessage(message, { ours, fromStaff }, emailAddressId, options, finish, ignore);
    } catch (error) {
      if (isTemporaryError(error)) throw error;
      if (isAppError(error) && error.code === "forbidden") return ignore(error.message);
      const reason = error instanceof Error ? error.message : String(error);
      const inboundId = await finish({ status: "failed", reason, keepRaw: true });
      return { status: "failed", inboundId, reason };
    }
  });
}

/** Our addresses among the message's sender and recipients. */
type OurAddress = { id: number; email: string; departmentId: number | null };

/**
 * What deciding about a message needs, read in one round trip (db/batch.ts): whether it was seen (by
 * its dedupe key) or stored (by its Message-ID), which of its addresses are the help desk's, and
 * whether the sender is staff.
 */
async function lookUp(message: InboundMessage, dedupeKey: string) {
  const sender = message.from?.address ?? "";
  const addresses = [...new Set([sender, ...message.recipients].map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const [seen, stored, ours, fromStaff] = (await sendTogether(
    sql`SELECT id, status, ticket_id AS ticketId FROM inbound_mail WHERE dedupe_key = ${dedupeKey}`,
    sql`SELECT ticket_id AS ticketId FROM messages WHERE email_message_id = ${message.messageId} LIMIT 1`,
    addresses.length
      ? sql`SELECT id, email, department_id AS departmentId FROM email_addresses WHERE email IN (${sql.join(addresses.map((email) => sql`${email}`), sql`, `)})`
      : sql`SELECT NULL AS id, NULL AS email, NULL AS departmentId FROM DUAL WHERE FALSE`,
    sql`SELECT id FROM staff WHERE email = ${sender}`,
  )) as [
    { id: number; status: (typeof inboundMail.$inferSelect)["status"]; ticketId: number | null }[],
    { ticketId: number }[],
    OurAddress[],
    { id: number }[],
  ];
  return { seen: seen[0], stored: stored[0], ours, fromStaff: fromStaff.length > 0 };
}

async function storeMessage(
  message: InboundMessage,
  { ours, fromStaff }: { ours: OurAddress[]; fromStaff: boolean },
  emailAddressId: number | null,
  options: IngestOptions,
  finish: (outcome: Outcome) => Promise<number>,
  ignore: (reason: string) => Promise<IngestResult>,
): Promise<IngestResult> {
  const sender = message.from;
  if (!sender) {
    const reason = "The message has no sender address.";
    return { status: "failed", reason, inboundId: await finish({ status: "failed", reason, keepRaw: true }) };
  }

  if (ours.some((address) => address.email === sender.address))
    return ignore("Sent from the help desk's own address (mail loop).");
  if (fromStaff)
    return ignore("Sent by a staff member's address; staff reply in the agent interface.");
  // Both counts in one round trip. Automatic answers go only to people: never to robots, and not too
  // often to anyone. (A sender held back also spends an automatic answer: it gets none either way.)
  const countInbound = !options.retry;
  const countAnswer = !message.automatic.isAutomatic;
  const within = await hitRateLimits([
    ...(countInbound ? [{ bucket: `mail-in:${sender.address}`, limit: INBOUND_PER_SENDER_PER_HOUR, windowSeconds: 3600 }] : []),
    ...(countAnswer ? [{ bucket: `mail-auto:${sender.address}`, limit: AUTO_ANSWERS_PER_SENDER_PER_HOUR, windowSeconds: 3600 }] : []),
  ]);
  if (countInbound && !within[0]) {
    return ignore(
      `More than ${INBOUND_PER_SENDER_PER_HOUR} messages in an hour from ${sender.address}: held back (mail loop or flood).`,
    );
  }
  const mayAnswer = countAnswer && within[countInbound ? 1 : 0]!;

  const { files, notes } = await acceptAttachments(message);
  const { body, format } = messageBody(message, notes);
  const ourEmails = new Set(ours.map((address) => address.email));
  const matchedAddress =
    (emailAddressId ? await getEmailAddress(db, emailAddressId) : null) ??
    ours.find((address) => address.email !== sender.address) ??
    null;

  const threaded =
    (await ticketByHeaders(message.threadRefs)) ?? (await ticketBySubject(message.subject, sender.address));
  if (threaded) {
    const ticketId = await followMerges(threaded);
    const customer = await findOrCreateCustomer(db, { email: sender.address, fullname: sender.name });
    const reply = await addCustomerReply(ticketId, customer.id, {
      message: body,
      bodyFormat: format,
      files,
      via: "email",
      emailMessageId: message.messageId,
      autoResponse: mayAnswer,
    });
    const [ticket] = await db
      .select({ userId: tickets.userId })
      .from(tickets)
      .where(eq(tickets.id, ticketId));
    if (ticket && ticket.userId !== customer.id) await addParticipants(ticketId, [sender.address]);
    const inboundId = await finish({ status: "stored", ticketId, keepRaw: false });
    return { status: "stored", inboundId, ticketId, messageId: reply.messageId, createdTicket: false };
  }

  const departmentId = await departmentForIncomingMail(db, matchedAddress);
  if (!departmentId) throw new Error("No department exists to open a ticket in.");
  const created = await createTicket({
    requester: { email: sender.address, fullname: sender.name },
    departmentId,
    subject: message.subject || "(no subject)",
    message: body,
    bodyFormat: format,
    files,
    source: "email",
    openedBy: { type: "system" },
    emailMessageId: message.messageId,
    notify: mayAnswer,
    // No fieldValues: an email cannot fill the department's custom fields, required ones included, so
    // the ticket is opened without them and an agent fills them in on the ticket page if needed.
  });
  await addParticipants(
    created.id,
    message.visibleRecipients.filter((email) => email !== sender.address && !ourEmails.has(email)),
  );
  const inboundId = await finish({ status: "stored", ticketId: created.id, keepRaw: false });
  return {
    status: "stored",
    inboundId,
    ticketId: created.id,
    messageId: created.messageId,
    createdTicket: true,
  };
}

/** For the IMAP fetcher and scripts: one line about what happened to a message. */
export function describeIngest(result: IngestResult) {
  switch (result.status) {
    case "stored":
      return `stored in ticket #${result.ticketId}${result.createdTicket ? " (new)" : ""}`;
    case "duplicate":
      return `already stored${result.ticketId ? ` (ticket #${result.ticketId})` : ""}`;
    case "ignored":
      return `ignored: ${result.reason}`;
    case "failed":
      return `kept in the dead-letter list: ${result.reason}`;
  }
}
