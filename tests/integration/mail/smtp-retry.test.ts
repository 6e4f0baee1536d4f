import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { outbox } from "@/db/schema";
import { retryOutboxMail } from "@/lib/mail/admin";
import { drainOutbox, startMailWorker } from "@/lib/mail/worker";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { makeEmailAddress } from "../../support/mail";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

const SMTP_PORT = 2602;
let sink: SmtpSink | undefined;

afterAll(async () => {
  await sink?.stop();
});

describe("outbox delivery", () => {
  let address: { id: number };
  let department: { id: number };
  beforeAll(async () => {
    department = await makeDepartment();
    address = await makeEmailAddress({ departmentId: department.id, smtpPort: SMTP_PORT });
    await makeStaff({ departmentIds: [department.id] });
  });

  it("a down SMTP server delays mail; once it is up every queued mail is delivered exactly once", async () => {
    const ticketIds: number[] = [];
    for (let i = 0; i < 6; i++) {
      const customer = await makeCustomer();
      ticketIds.push((await makeTicket({ userId: customer.id, departmentId: department.id })).id);
    }
    const queued = await db.select().from(outbox).where(inArray(outbox.ticketId, ticketIds));
    expect(queued).toHaveLength(12); // a confirmation to each customer, a heads-up to the agent

    // SMTP down: every attempt fails and is rescheduled, nothing is lost.
    const down = await drainOutbox({ emailAddressIds: [address.id], backoffMs: () => 0 });
    expect(down.sent).toBe(0);
    expect(down.retrying).toBeGreaterThanOrEqual(12);
    const waiting = await db.select().from(outbox).where(inArray(outbox.ticketId, ticketIds));
    expect(waiting.every((m) => m.status === "pending" && m.attempts >= 1 && m.lastError)).toBe(true);

    // SMTP up: two workers race for the same mail; each mail still goes out once.
    sink = await startSmtpSink(SMTP_PORT);
    const [a, b] = await Promise.all([
      drainOutbox({ emailAddressIds: [address.id], backoffMs: () => 0 }),
      drainOutbox({ emailAddressIds: [address.id], backoffMs: () => 0 }),
    ]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(12);
    await drainOutbox({ emailAddressIds: [address.id] });
    const sent = await db.select().from(outbox).where(inArray(outbox.ticketId, ticketIds));
    expect(sent.every((m) => m.status === "sent" && m.sentAt)).toBe(true);
    for (const mail of sent) {
      const copies = sink.messages().filter((m) => m.parsed.messageId === mail.messageId);
      expect(copies, mail.messageId).toHaveLength(1);
    }
  });

  it("a permanent rejection marks the mail failed; an admin retry sends it again", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const [mail] = await db.select().from(outbox).where(eq(outbox.ticketId, ticket.id)).limit(1);
    await db.update(outbox).set({ toAddress: "not an address" }).where(eq(outbox.id, mail!.id));
    sink ??= await startSmtpSink(SMTP_PORT);
    await drainOutbox({ emailAddressIds: [address.id] });
    const [failed] = await db.select().from(outbox).where(eq(outbox.id, mail!.id));
    expect(failed!.status).toMatch(/failed|pending/);
    expect(failed!.lastError).toBeTruthy();

    await db.update(outbox).set({ toAddress: customer.email }).where(eq(outbox.id, mail!.id));
    await retryOutboxMail(mail!.id);
    await drainOutbox({ emailAddressIds: [address.id] });
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, mail!.id));
    expect(sent!.status).toBe("sent");
    await sink.waitFor((m) => m.parsed.messageId === mail!.messageId);
  });

  it("the background worker sends new mail on its own", async () => {
    sink ??= await startSmtpSink(SMTP_PORT);
    const worker = startMailWorker({ intervalMs: 200, emailAddressIds: [address.id], log: () => {} });
    try {
      const customer = await makeCustomer();
      await makeTicket({ userId: customer.id, departmentId: department.id });
      await sink.waitFor((m) => m.envelope.to.includes(customer.email));
    } finally {
      await worker.stop();
    }
  });
});
