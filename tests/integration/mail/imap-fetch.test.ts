import { spawn } from "node:child_process";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailAddresses, inboundMail, messages } from "@/db/schema";
import { getEmailAddress } from "@/lib/mail/addresses";
import { fetchMailbox, senderKey } from "@/lib/mail/imap";
import { ingest } from "@/lib/mail/ingest";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { startDovecot, type Dovecot } from "../../support/dovecot";
import { buildRawMail, makeEmailAddress } from "../../support/mail";

const IMAP_PORT = 14301;
const IMAPS_PORT = 14302;
const SMTP_PORT = 2603; // nothing listens: these tests only read mail
const mailbox = { user: "support", password: "imap-secret-pw" };

let dovecot: Dovecot;
let address: { id: number; email: string };

beforeAll(async () => {
  dovecot = await startDovecot(IMAP_PORT, [mailbox], { tlsPort: IMAPS_PORT });
  const department = await makeDepartment();
  address = await makeEmailAddress({
    departmentId: department.id,
    smtpPort: SMTP_PORT,
    imap: { port: IMAP_PORT, ...mailbox },
  });
});

afterAll(async () => {
  // Other runs of the fetch script must not try this address once its server is gone.
  await db.update(emailAddresses).set({ incoming: "none" }).where(eq(emailAddresses.id, address.id));
  await dovecot.stop();
});

async function unseenCount() {
  const client = dovecot.client(mailbox.user);
  await client.connect();
  const lock = await client.getMailboxLock("INBOX");
  try {
    return ((await client.search({ seen: false }, { uid: true })) || []).length;
  } finally {
    lock.release();
    await client.logout();
  }
}

const storedCount = async (ids: string[]) =>
  (await db.select({ id: messages.id }).from(messages).where(inArray(messages.emailMessageId, ids))).length;

describe("IMAP fetch", () => {
  it("stores every message exactly once even when the fetcher is killed midway and crashes before marking seen", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const messageId = `<${unique("imap")}@customer.example.test>`;
      ids.push(messageId);
      await dovecot.append(
        mailbox.user,
        buildRawMail({
          from: uniqueEmail("imapcust"),
          to: address.email,
          subject: `IMAP message ${i}`,
          messageId,
        }),
      );
    }
    expect(await unseenCount()).toBe(30);

    // 1. The cron script, killed (SIGKILL: no clean-up) once some messages are stored.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/imap-fetch.ts"], {
      cwd: path.resolve(__dirname, "../../.."),
      env: process.env,
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 300 && (await storedCount(ids)) < 5; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await exited;
    const afterKill = await storedCount(ids);
    expect(afterKill).toBeGreaterThanOrEqual(5);
    expect(afterKill).toBeLessThan(30);

    // 2. A crash after storing but before \Seen: the stored message stays unseen.
    let handled = 0;
    const crashed = await fetchMailbox((await getEmailAddress(db, address.id))!, {
      afterIngest: () => {
        if (++handled === 4) throw new Error("simulated crash before \\Seen");
      },
    });
    expect(crashed.error).toContain("simulated crash");

    // 3. A clean run finishes the job; re-fetched messages are recognised, not stored again.
    const finished = await fetchMailbox((await getEmailAddress(db, address.id))!);
    expect(finished.error).toBeUndefined();
    expect(finished.duplicate).toBeGreaterThanOrEqual(1);
    expect(await unseenCount()).toBe(0);

    for (const id of ids) {
      const rows = await db
        .select({ ticketId: messages.ticketId })
        .from(messages)
        .where(eq(messages.emailMessageId, id));
      expect(rows, id).toHaveLength(1);
    }
    const inbound = await db.select().from(inboundMail).where(inArray(inboundMail.messageId, ids));
    expect(inbound).toHaveLength(30);
    expect(
      inbound.every(
        (row) => row.status === "stored" && row.source === "imap" && row.emailAddressId === address.id,
      ),
    ).toBe(true);
  });

  it("a reply fetched over IMAP threads into its ticket", async () => {
    const customer = uniqueEmail("imapreply");
    const first = await ingest(
      buildRawMail({ from: customer, to: address.email, subject: "Over IMAP" }),
      "pipe",
    );
    if (first.status !== "stored") throw new Error("not stored");
    const [original] = await db.select().from(messages).where(eq(messages.id, first.messageId));
    await dovecot.append(
      mailbox.user,
      buildRawMail({
        from: customer,
        to: address.email,
        subject: "Re: Over IMAP",
        inReplyTo: original!.emailMessageId!,
      }),
    );
    const report = await fetchMailbox((await getEmailAddress(db, address.id))!);
    expect(report).toMatchObject({ found: 1, stored: 1 });
    const rows = await db.select().from(messages).where(eq(messages.ticketId, first.ticketId));
    expect(rows).toHaveLength(2);
  });

  it("stores different senders' mail at once but each sender's in order: a follow-up in the same pass joins its ticket", async () => {
    const customer = uniqueEmail("imaporder");
    const opening = `<${unique("open")}@customer.example.test>`;
    const followUp = `<${unique("follow")}@customer.example.test>`;
    await dovecot.append(mailbox.user, buildRawMail({ from: `Ada <${customer}>`, to: address.email, subject: "Printer on fire", messageId: opening }));
    for (let i = 0; i < 6; i++)
      await dovecot.append(mailbox.user, buildRawMail({ from: uniqueEmail("other"), to: address.email, subject: `Other ${i}` }));
    await dovecot.append(
      mailbox.user,
      buildRawMail({ from: customer.toUpperCase(), to: address.email, subject: "Re: Printer on fire", messageId: followUp, inReplyTo: opening }),
    );
    const report = await fetchMailbox((await getEmailAddress(db, address.id))!, { concurrency: 4 });
    expect(report).toMatchObject({ found: 8, stored: 8 });
    const [first] = await db.select({ ticketId: messages.ticketId }).from(messages).where(eq(messages.emailMessageId, opening));
    const [second] = await db.select({ ticketId: messages.ticketId }).from(messages).where(eq(messages.emailMessageId, followUp));
    expect(second!.ticketId).toBe(first!.ticketId);
    expect(await unseenCount()).toBe(0);
  });

  it("reads the sender from a folded From header, with or without a display name", () => {
    expect(senderKey(Buffer.from("Subject: x\r\nFrom: \"Ada, L.\"\r\n <Ada@Example.test>\r\n\r\nFrom: body@else.test\r\n"))).toBe("ada@example.test");
    expect(senderKey(Buffer.from("from: bob@example.test\n\nhi"))).toBe("bob@example.test");
    expect(senderKey(Buffer.from("Subject: none\r\n\r\nFrom: body@else.test"))).toBe("");
  });

  it("a wrong IMAP password is reported, and nothing is marked seen", async () => {
    await dovecot.append(
      mailbox.user,
      buildRawMail({ from: uniqueEmail("x"), to: address.email, subject: "Waiting" }),
    );
    const row = (await getEmailAddress(db, address.id))!;
    const report = await fetchMailbox({
      ...row,
      imapPasswordEnc: (await import("@/lib/crypto")).encryptSecret("wrong"),
    });
    expect(report.error).toBeTruthy();
    expect(await unseenCount()).toBe(1);
    await fetchMailbox(row);
    expect(await unseenCount()).toBe(0);
  });

  it("over TLS the certificate is checked; a self-signed one is accepted only when the address allows it", async () => {
    await dovecot.append(
      mailbox.user,
      buildRawMail({ from: uniqueEmail("tls"), to: address.email, subject: "Over TLS" }),
    );
    const row = (await getEmailAddress(db, address.id))!;
    const overTls = { ...row, imapPort: IMAPS_PORT, imapSecurity: "tls" as const };
    const refused = await fetchMailbox({ ...overTls, imapAllowSelfSigned: false });
    expect(refused.error).toMatch(/self[- ]signed/i);
    expect(await unseenCount()).toBe(1);
    const allowed = await fetchMailbox({ ...overTls, imapAllowSelfSigned: true });
    expect(allowed).toMatchObject({ found: 1, stored: 1 });
    expect(allowed.error).toBeUndefined();
  });
});
