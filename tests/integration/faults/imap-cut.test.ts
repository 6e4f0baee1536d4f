// The IMAP connection dies while the fetcher works: once in the middle of a FETCH response, once just as
// it marks a batch of stored messages \Seen. A loopback TCP proxy between the fetcher and Dovecot cuts the link
// (TCP reset) at exactly those moments. Afterwards a normal run must leave every message stored exactly
// once and nothing unseen. (tests/integration/mail/imap-fetch.test.ts covers killed processes and crashes.)
import { rmSync } from "node:fs";
import { createServer, Socket, type Server } from "node:net";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailAddresses, inboundMail, messages } from "@/db/schema";
import { getEmailAddress } from "@/lib/mail/addresses";
import { fetchMailbox } from "@/lib/mail/imap";
import { startDovecot, type Dovecot } from "../../support/dovecot";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { buildRawMail, makeEmailAddress } from "../../support/mail";
import { freePort } from "../../support/private-mariadb";

const mailbox = { user: "support", password: "imap-cut-pw" };
const MESSAGES = 30;
const BODY = "This line pads the message so that a FETCH response spans many TCP reads.\n".repeat(200);

type CutRule = {
  /** Cut once more than this many bytes came from the server since the rule was set. */
  afterServerBytes?: number;
  /** Cut (before forwarding) when the client sends its n-th command containing this text. */
  onClientCommand?: { text: string; nth: number };
};

/** A loopback proxy to Dovecot that forwards faithfully until a rule says to cut every open connection. */
function startCuttingProxy(target: number) {
  const open = new Set<Socket>();
  let rule: CutRule | null = null;
  let serverBytes = 0;
  let commandsSeen = 0;
  let cuts = 0;
  const cut = () => {
    rule = null;
    cuts++;
    // A reset, not a polite close: what a dropped link or a crashed server looks like to the client.
    for (const socket of open) socket.resetAndDestroy();
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    open.add(client).add(upstream);
    const forget = () => (open.delete(client), open.delete(upstream));
    client.on("close", () => (forget(), upstream.destroy()));
    upstream.on("close", () => (forget(), client.destroy()));
    client.on("error", () => undefined);
    upstream.on("error", () => undefined);
    upstream.on("data", (chunk: Buffer) => {
      if (rule?.afterServerBytes !== undefined && (serverBytes += chunk.length) > rule.afterServerBytes) return cut();
      client.write(chunk);
    });
    client.on("data", (chunk: Buffer) => {
      const wanted = rule?.onClientCommand;
      if (wanted && chunk.toString("latin1").includes(wanted.text) && ++commandsSeen === wanted.nth) return cut();
      upstream.write(chunk);
    });
    upstream.connect(target, "127.0.0.1");
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
      ),
    arm(next: CutRule) {
      rule = next;
      serverBytes = 0;
      commandsSeen = 0;
    },
    cuts: () => cuts,
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let dovecot: Dovecot | undefined;
let proxy: ReturnType<typeof startCuttingProxy> | undefined;
let addressId: number;

beforeAll(async () => {
  dovecot = await startDovecot(await freePort(), [mailbox]);
  proxy = startCuttingProxy(dovecot.port);
  const proxyPort = await proxy.listen();
  const department = await makeDepartment();
  const address = await makeEmailAddress({
    departmentId: department.id,
    smtpPort: 9, // nothing is sent here
    imap: { port: proxyPort, ...mailbox },
  });
  addressId = address.id;
  // Not "imap" in the shared database: the fetch script other test files run must not read this mailbox.
  await db.update(emailAddresses).set({ incoming: "none" }).where(eq(emailAddresses.id, addressId));
});

afterAll(async () => {
  await proxy?.close();
  await dovecot?.stop();
  // Its port is picked afresh each run, so its folder would otherwise pile up in .data.
  if (dovecot) rmSync(path.resolve(__dirname, `../../../.data/dovecot-${dovecot.port}`), { recursive: true, force: true });
});

async function unseenCount() {
  const client = dovecot!.client(mailbox.user);
  await client.connect();
  const lock = await client.getMailboxLock("INBOX");
  try {
    return ((await client.search({ seen: false }, { uid: true })) || []).length;
  } finally {
    lock.release();
    await client.logout();
  }
}

const fetchOnce = async (batchSize = 20) =>
  fetchMailbox({ ...(await getEmailAddress(db, addressId))!, incoming: "imap" }, { batchSize });

describe("IMAP connection cut mid-fetch", () => {
  it("loses and duplicates nothing when the link drops during a FETCH or while marking \\Seen", async () => {
    const ids: string[] = [];
    let size = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const messageId = `<${unique("cut")}@customer.example.test>`;
      ids.push(messageId);
      const raw = buildRawMail({ from: uniqueEmail("cut"), to: "support@example.test", subject: `Cut ${i}`, messageId, body: BODY });
      size = raw.length;
      await dovecot!.append(mailbox.user, raw);
    }
    expect(await unseenCount()).toBe(MESSAGES);

    // 1. The first batch (20) arrives whole and is stored; the link drops halfway through the second.
    proxy!.arm({ afterServerBytes: Math.round(size * 25) });
    const cutInFetch = await fetchOnce();
    expect(proxy!.cuts()).toBe(1);
    expect(cutInFetch.error).toBeTruthy();
    expect(cutInFetch.stored).toBe(20);
    expect(await unseenCount()).toBe(MESSAGES - 20);

    // 2. In batches of 4, the link drops as the second batch is being marked \Seen (one UID STORE per
    // batch): the first batch is stored and seen, the second stored but still unseen.
    proxy!.arm({ onClientCommand: { text: "UID STORE", nth: 2 } });
    const cutInStore = await fetchOnce(4);
    expect(proxy!.cuts()).toBe(2);
    expect(cutInStore.error).toBeTruthy();
    expect(cutInStore.stored).toBe(8);
    expect(await unseenCount()).toBe(MESSAGES - 24);

    // 3. A run on a sound link finishes: the 4 messages stored in run 2 are recognised, not stored again.
    const clean = await fetchOnce();
    expect(clean.error).toBeUndefined();
    expect(clean).toMatchObject({ found: MESSAGES - 24, duplicate: 4, stored: MESSAGES - 28 });
    expect(await unseenCount()).toBe(0);

    const stored = await db
      .select({ id: messages.emailMessageId })
      .from(messages)
      .where(inArray(messages.emailMessageId, ids));
    expect(stored.map((row) => row.id).sort()).toEqual([...ids].sort());
    const inbound = await db.select().from(inboundMail).where(inArray(inboundMail.messageId, ids));
    expect(inbound).toHaveLength(MESSAGES);
    expect(inbound.every((row) => row.status === "stored" && row.source === "imap")).toBe(true);
  }, 90_000);
});
