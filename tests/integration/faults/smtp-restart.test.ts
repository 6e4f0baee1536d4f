// The SMTP server goes away while the background mail worker runs, and comes back on the same port.
// tests/integration/mail/smtp-retry.test.ts proves mail queued against a server that was never up goes
// out once; this adds the restart: mail sent before it is not sent again, mail queued during it goes once.
import { inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { outbox } from "@/db/schema";
import { startMailWorker } from "@/lib/mail/worker";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { makeEmailAddress } from "../../support/mail";
import { freePort } from "../../support/private-mariadb";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

let running: SmtpSink | undefined;
let stopWorker: (() => Promise<void>) | undefined;

afterAll(async () => {
  await stopWorker?.();
  await running?.stop();
});

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("SMTP server restart", () => {
  it("mail sent before the restart is not sent again, and mail queued while it was down goes out exactly once", async () => {
    const port = await freePort();
    const department = await makeDepartment();
    const address = await makeEmailAddress({ departmentId: department.id, smtpPort: port });
    await makeStaff({ departmentIds: [department.id] });
    const openTickets = async (count: number) => {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const customer = await makeCustomer();
        ids.push((await makeTicket({ userId: customer.id, departmentId: department.id })).id);
      }
      return ids;
    };
    const mailOf = (ticketIds: number[]) => db.select().from(outbox).where(inArray(outbox.ticketId, ticketIds));

    const before = (running = await startSmtpSink(port));
    const worker = startMailWorker({ intervalMs: 200, backoffMs: () => 300, emailAddressIds: [address.id], log: () => {} });
    stopWorker = () => worker.stop();

    const firstTickets = await openTickets(3);
    await waitUntil("the first mail is sent", async () => (await mailOf(firstTickets)).every((m) => m.status === "sent"));
    const first = await mailOf(firstTickets);
    expect(first).toHaveLength(6); // a confirmation to each customer, a heads-up to the agent

    running = undefined;
    await before.stop();
    const secondTickets = await openTickets(3);
    // The worker keeps trying against the missing server: each mail fails at least once and waits.
    await waitUntil("every queued mail has failed once", async () =>
      (await mailOf(secondTickets)).every((m) => m.status === "pending" && m.attempts >= 1 && m.lastError),
    );

    const after = (running = await startSmtpSink(port));
    await waitUntil("the queued mail is sent", async () => (await mailOf(secondTickets)).every((m) => m.status === "sent"));
    await worker.stop();
    const second = await mailOf(secondTickets);
    expect(second).toHaveLength(6);

    const copies = (sink: SmtpSink, messageId: string) => sink.messages().filter((m) => m.parsed.messageId === messageId).length;
    for (const mail of first) {
      expect(copies(before, mail.messageId), mail.messageId).toBe(1);
      expect(copies(after, mail.messageId), `${mail.messageId} sent again after the restart`).toBe(0);
    }
    for (const mail of second) expect(copies(after, mail.messageId), mail.messageId).toBe(1);
    expect(after.messages()).toHaveLength(second.length);
  }, 60_000);
});
