import { ImapFlow } from "imapflow";
import type { EmailAddress } from "@/db/schema";
import { decryptOptionalSecret } from "../crypto";
import { listImapAddresses } from "./addresses";
import { describeIngest, ingest, type IngestResult } from "./ingest";

export type MailboxReport = {
  address: string;
  found: number;
  stored: number;
  duplicate: number;
  ignored: number;
  failed: number;
  /** Why the run stopped early (connection or database trouble); unseen messages wait for the next run. */
  error?: string;
};

export type FetchOptions = {
  /** Messages downloaded per round trip. */
  batchSize?: number;
  /** Messages of different senders stored at once (each sender's own stay in order). */
  concurrency?: number;
  log?: (line: string) => void;
  /** Called after a message is stored and before its batch is marked \Seen (tests use it to simulate a crash). */
  afterIngest?: (uid: number, result: IngestResult) => void | Promise<void>;
};

/**
 * Who sent a raw message, from its From header: the key that keeps one sender's mail in order. A reply
 * must find the ticket its sender's earlier mail opened, so one sender's messages are never stored at
 * the same time; different senders' are.
 */
export function senderKey(source: Buffer): string {
  const text = source.subarray(0, 65_536).toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const from = /^from:[ \t]*(.*)$/im.exec(headers)?.[1] ?? "";
  return (/<([^>]*)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

function imapClient(address: EmailAddress) {
  if (!address.imapHost || !address.imapUser) throw new Error(`IMAP is not configured for ${address.email}`);
  return new ImapFlow({
    host: address.imapHost,
    port: address.imapPort ?? (address.imapSecurity === "tls" ? 993 : 143),
    secure: address.imapSecurity === "tls",
    doSTARTTLS:
      address.imapSecurity === "starttls" ? true : address.imapSecurity === "none" ? false : undefined,
    // Certificates are checked unless an admin allowed a self-signed one for this address.
    tls: { rejectUnauthorized: !address.imapAllowSelfSigned },
    auth: { user: address.imapUser, pass: decryptOptionalSecret(address.imapPasswordEnc) ?? "" },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
  });
}

/**
 * Fetches the unseen messages of one address's folder. Each is stored through ingest; then the stored
 * messages of a batch are marked \Seen in one command (one round trip per batch, not per message, on a
 * connection that serialises commands). A crash in between only means they are fetched again, and
 * ingest's dedupe makes that harmless.
 */
export async function fetchMailbox(
  address: EmailAddress,
  options: FetchOptions = {},
): Promise<MailboxReport> {
  const report: MailboxReport = {
    address: address.email,
    found: 0,
    stored: 0,
    duplicate: 0,
    ignored: 0,
    failed: 0,
  };
  const client = imapClient(address);
  client.on("error", (error: Error) => options.log?.(`${address.email}: ${error.message}`));
  try {
    await client.connect();
    const lock = await client.getMailboxLock(address.imapFolder);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      report.found = uids.length;
      const batchSize = options.batchSize ?? 20;
      for (let start = 0; start < uids.length; start += batchSize) {
        const batch: { uid: number; source: Buffer }[] = [];
        for await (const message of client.fetch(
          uids.slice(start, start + batchSize).join(","),
          { uid: true, source: true },
          { uid: true },
        )) {
          if (message.source) batch.push({ uid: message.uid, source: message.source });
        }
        // One queue per sender, in mailbox order; up to `concurrency` senders at once.
        const bySender = new Map<string, { uid: number; source: Buffer }[]>();
        for (const message of batch) {
          const key = senderKey(message.source);
          bySender.set(key, [...(bySender.get(key) ?? []), message]);
        }
        const queues = [...bySender.values()];
        const handled: number[] = [];
        let failure: unknown = null;
        const worker = async () => {
          for (let queue = queues.shift(); queue && !failure; queue = queues.shift()) {
            for (const { uid, source } of queue) {
              if (failure) return;
              try {
                const result = await ingest(source, "imap", { emailAddressId: address.id });
                report[result.status]++;
                options.log?.(`${address.email} uid ${uid}: ${describeIngest(result)}`);
                await options.afterIngest?.(uid, result);
                handled.push(uid);
              } catch (error) {
                failure ??= error;
              }
            }
          }
        };
        await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
        // Also after a failure, so that what was stored is not fetched again; the first failure is the one
        // reported. imapflow answers a failed STORE (link dropped, NO from the server) with false, not an
        // error: stop, as the link is likely gone; these messages stay unseen and the next run skips them as
        // duplicates.
        if (handled.length && !(await client.messageFlagsAdd(handled.join(","), ["\\Seen"], { uid: true }).catch(() => false)))
          failure ??= new Error(`could not mark ${handled.length} stored messages as seen`);
        if (failure) throw failure;
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
    client.close();
  }
  return report;
}

/** One pass over every address configured for IMAP. */
export async function fetchAllMailboxes(options: FetchOptions = {}): Promise<MailboxReport[]> {
  const reports = [];
  for (const address of await listImapAddresses()) reports.push(await fetchMailbox(address, options));
  return reports;
}

/** "Test connection" on the admin page: signs in and opens the folder, reading nothing. */
export async function testMailboxConnection(address: EmailAddress): Promise<{ ok: true; messages: number } | { ok: false; error: string }> {
  let client;
  try {
    client = imapClient(address);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  client.on("error", () => {});
  try {
    await client.connect();
    const status = await client.status(address.imapFolder, { messages: true });
    await client.logout();
    return { ok: true, messages: status ? (status.messages ?? 0) : 0 };
  } catch (error) {
    client.close();
    const detail = error as Error & { responseText?: string; authenticationFailed?: boolean };
    return { ok: false, error: detail.authenticationFailed ? "The server refused the user name or password." : detail.responseText || detail.message };
  }
}
