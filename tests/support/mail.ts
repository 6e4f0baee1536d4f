// Helpers for mail tests: a help-desk address pointing at a test SMTP sink (and optionally a Dovecot
// mailbox), raw messages built by hand, and the pipe script run as the MTA would run it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { emailAddresses, inboundMail, messages, outbox, tickets } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { drainOutbox } from "@/lib/mail/worker";
import { unique } from "./factories";

export async function makeEmailAddress(input: {
  departmentId: number;
  smtpPort: number;
  imap?: { port: number; user: string; password: string };
}) {
  const email = `${unique("desk")}@helpdesk.example.test`;
  const [row] = await db
    .insert(emailAddresses)
    .values({
      email,
      senderName: "Test Help Desk",
      departmentId: input.departmentId,
      smtpHost: "127.0.0.1",
      smtpPort: input.smtpPort,
      smtpSecurity: "none",
      incoming: input.imap ? "imap" : "pipe",
      imapHost: input.imap ? "127.0.0.1" : null,
      imapPort: input.imap?.port ?? null,
      imapSecurity: "none",
      imapUser: input.imap?.user ?? null,
      imapPasswordEnc: input.imap ? encryptSecret(input.imap.password) : null,
    })
    .$returningId();
  return { id: row!.id, email };
}

export type RawMailInput = {
  from?: string | null;
  to: string;
  cc?: string;
  subject?: string | null;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  date?: string | null;
  headers?: Record<string, string>;
  /** Complete body part, with its own Content-Type header lines; default: a plain UTF-8 text. */
  contentType?: string;
  body?: string | Buffer;
};

/** A raw RFC 5322 message with CRLF line ends; every header can be left out to build malformed mail. */
export function buildRawMail(input: RawMailInput): Buffer {
  const lines: string[] = [];
  if (input.from !== null) lines.push(`From: ${input.from ?? "Someone <someone@example.test>"}`);
  lines.push(`To: ${input.to}`);
  if (input.cc) lines.push(`Cc: ${input.cc}`);
  if (input.subject !== null) lines.push(`Subject: ${input.subject ?? "Hello"}`);
  if (input.messageId !== null)
    lines.push(`Message-ID: ${input.messageId ?? `<${unique("m")}@customer.example.test>`}`);
  if (input.inReplyTo) lines.push(`In-Reply-To: ${input.inReplyTo}`);
  if (input.references) lines.push(`References: ${input.references}`);
  if (input.date !== null) lines.push(`Date: ${input.date ?? new Date().toUTCString()}`);
  for (const [key, value] of Object.entries(input.headers ?? {})) lines.push(`${key}: ${value}`);
  lines.push("MIME-Version: 1.0");
  lines.push(
    input.contentType ?? "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit",
  );
  const head = Buffer.from(lines.join("\r\n") + "\r\n\r\n", "utf8");
  const body =
    typeof input.body === "string" || input.body === undefined
      ? Buffer.from((input.body ?? "Hello, I need help.").replace(/\r?\n/g, "\r\n"), "utf8")
      : input.body;
  return Buffer.concat([head, body]);
}

/** Runs the bundled pipe (dist/mail-pipe.mjs, as the MTA does) with the message on stdin; resolves with its exit code and stderr. */
export function runPipe(
  raw: Buffer,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  const root = path.resolve(__dirname, "../..");
  const pipeBundle = path.join(root, "dist/mail-pipe.mjs");
  if (!existsSync(pipeBundle)) throw new Error("dist/mail-pipe.mjs is missing: run `npm run build:pipe` (npm test does).");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pipeBundle], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
    child.stdin.end(raw);
  });
}

/**
 * Runs scripts/mail-pipe.sh (the curl forwarder to POST /api/mail) as an MTA would: the message on stdin,
 * its settings in the environment only (plus PATH); resolves with its exit code and stderr.
 */
export function runHttpPipe(
  raw: Buffer,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stderr: string }> {
  const script = path.resolve(__dirname, "../../scripts/mail-pipe.sh");
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", [script, ...args], {
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
    // The forwarder may exit before it reads the message (not configured): that is its answer, not an error.
    child.stdin.on("error", () => undefined);
    child.stdin.end(raw);
  });
}

export async function inboundByMessageId(messageId: string) {
  return db.select().from(inboundMail).where(eq(inboundMail.messageId, messageId));
}

export async function messagesWithEmailId(messageId: string) {
  return db.select().from(messages).where(eq(messages.emailMessageId, messageId));
}

export async function outboxForTicket(ticketId: number) {
  return db.select().from(outbox).where(eq(outbox.ticketId, ticketId));
}

export async function getTicketRow(ticketId: number) {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  return row!;
}

/**
 * Sends this address's queued mail every half second from the test process, through the same worker
 * code and real SMTP. The e2e app server runs without its worker (MAIL_WORKER=off in
 * scripts/test-env.sh): its default backoff would otherwise race the mail tests sharing the database.
 */
export function startMailPump(addressId: number) {
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      await drainOutbox({ emailAddressIds: [addressId], limit: 50 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    await running;
  };
}

