import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { inboundMail, messages, outbox, ticketParticipants, tickets, users } from "@/db/schema";
import { retryInboundMail } from "@/lib/mail/admin";
import { ingest } from "@/lib/mail/ingest";
import { enqueuePasswordResetMail } from "@/lib/mail/notifications";
import { drainOutbox } from "@/lib/mail/worker";
import { addStaffReply } from "@/lib/tickets/replies";
import { TicketStatus } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { makeDepartment, makeStaff, uniqueEmail, unique } from "../../support/factories";
import {
  buildRawMail,
  getTicketRow,
  makeEmailAddress,
  messagesWithEmailId,
  outboxForTicket,
  runPipe,
} from "../../support/mail";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

const SMTP_PORT = 2601;

let sink: SmtpSink;
let department: { id: number };
let address: { id: number; email: string };
let agent: Awaited<ReturnType<typeof makeStaff>>;

const send = () => drainOutbox({ emailAddressIds: [address.id] });
const header = (mail: { parsed: { headers: Map<string, unknown> } }, name: string) =>
  mail.parsed.headers.get(name);

beforeAll(async () => {
  sink = await startSmtpSink(SMTP_PORT);
  department = await makeDepartment();
  address = await makeEmailAddress({ departmentId: department.id, smtpPort: SMTP_PORT });
  agent = await makeStaff({ departmentIds: [department.id] });
});

afterAll(async () => {
  await sink.stop();
});

async function customerMail(overrides: Partial<Parameters<typeof buildRawMail>[0]> = {}) {
  const email = uniqueEmail("cust");
  const messageId = `<${unique("m")}@customer.example.test>`;
  const raw = buildRawMail({
    from: `Ada Customer <${email}>`,
    to: address.email,
    subject: "My printer is on fire",
    messageId,
    ...overrides,
  });
  return { email, messageId, raw };
}

describe("mail round trip", () => {
  it("a customer email piped in opens a ticket, and the customer and the agents are told", async () => {
    const { email, messageId, raw } = await customerMail();
    const { code, stderr } = await runPipe(raw);
    expect(code, stderr).toBe(0);

    const [message] = await messagesWithEmailId(messageId);
    expect(message).toBeDefined();
    const ticket = await getTicketRow(message!.ticketId);
    expect(ticket).toMatchObject({
      source: "email",
      departmentId: department.id,
      subject: "My printer is on fire",
      status: TicketStatus.Open,
    });
    const [customer] = await db.select().from(users).where(eq(users.id, ticket.userId));
    expect(customer!.email).toBe(email);
    expect(customer!.fullname).toBe("Ada Customer");

    await send();
    const confirmation = await sink.waitFor((m) => m.envelope.to.includes(email));
    expect(confirmation.parsed.subject).toContain(`[#${ticket.id}]`);
    expect(confirmation.parsed.text).toContain(`${process.env.APP_URL}/t/${ticket.publicToken}`);
    expect(confirmation.parsed.html).toContain(`/t/${ticket.publicToken}`);
    expect(header(confirmation, "auto-submitted")).toBe("auto-generated");
    expect(confirmation.parsed.inReplyTo).toBe(messageId);
    expect(confirmation.parsed.replyTo?.text).toBe(address.email);

    const heads_up = await sink.waitFor(
      (m) => m.envelope.to.includes(agent.email) && (m.parsed.subject ?? "").includes(`[#${ticket.id}]`),
    );
    expect(heads_up.parsed.text).toContain("Hello, I need help.");
  });

  it("the staff reply reaches the customer with threading headers and its attachment; the answer threads back by headers and by subject", async () => {
    const { email, messageId, raw } = await customerMail({ subject: "Invoice question" });
    const opened = await ingest(raw, "pipe");
    expect(opened.status).toBe("stored");
    if (opened.status !== "stored") return;
    const ticketId = opened.ticketId;

    const reply = await addStaffReply(agent.actor, ticketId, {
      message: "Here is your invoice <b>not bold</b>.",
      files: [
        { filename: "invoice.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.4 test") },
      ],
    });
    await send();
    const answer = await sink.waitFor(
      (m) => m.envelope.to.includes(email) && (m.parsed.text ?? "").includes("Here is your invoice"),
    );
    expect(answer.parsed.subject).toContain(`[#${ticketId}]`);
    expect(answer.parsed.messageId).toMatch(/^<t\d+\.[\w-]+@helpdesk\.example\.test>$/);
    expect(answer.parsed.inReplyTo).toBeTruthy();
    const references = ([] as string[]).concat(answer.parsed.references ?? []);
    expect(references).toContain(messageId);
    expect(header(answer, "auto-submitted")).toBeUndefined();
    expect(answer.parsed.html).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(answer.parsed.attachments.map((a) => a.filename)).toEqual(["invoice.pdf"]);
    expect(answer.parsed.attachments[0]!.content.toString()).toBe("%PDF-1.4 test");
    const [replyRow] = await db.select().from(messages).where(eq(messages.id, reply.messageId));
    expect(replyRow!.emailMessageId).toBe(answer.parsed.messageId);

    // Answer by headers: a mail client keeps In-Reply-To but rewrote the subject.
    const byHeaders = await ingest(
      buildRawMail({
        from: email,
        to: address.email,
        subject: "Re: thanks",
        inReplyTo: answer.parsed.messageId!,
        references: `${messageId} ${answer.parsed.messageId}`,
      }),
      "pipe",
    );
    expect(byHeaders).toMatchObject({ status: "stored", ticketId, createdTicket: false });
    expect((await getTicketRow(ticketId)).status).toBe(TicketStatus.AwaitingReply);

    // Answer by subject: the headers were lost (webmail "new message"), the [#id] remains.
    const bySubject = await ingest(
      buildRawMail({ from: email, to: address.email, subject: `Re: [#${ticketId}] Invoice question` }),
      "pipe",
    );
    expect(bySubject).toMatchObject({ status: "stored", ticketId, createdTicket: false });

    // A stranger quoting the number does not get into the ticket: a new ticket instead.
    const stranger = await ingest(
      buildRawMail({ from: uniqueEmail("stranger"), to: address.email, subject: `[#${ticketId}] let me in` }),
      "pipe",
    );
    expect(stranger).toMatchObject({ status: "stored", createdTicket: true });
    if (stranger.status === "stored") expect(stranger.ticketId).not.toBe(ticketId);

    const ticketMessages = await db.select().from(messages).where(eq(messages.ticketId, ticketId));
    expect(ticketMessages).toHaveLength(4);
    // Each customer reply got an auto-response, and the agent a notice.
    const mails = await outboxForTicket(ticketId);
    expect(mails.filter((m) => m.event === "autoresponse")).toHaveLength(2);
    expect(
      mails.filter((m) => m.event === "customer_reply_staff" && m.toAddress === agent.email),
    ).toHaveLength(2);
  });

  it("an auto-reply threads into the ticket but gets no auto-response, and opens no confirmation loop", async () => {
    const { email, raw } = await customerMail({ subject: "Need a quote" });
    const opened = await ingest(raw, "pipe");
    if (opened.status !== "stored") throw new Error("not stored");
    for (const headers of <Record<string, string>[]>[
      { "Auto-Submitted": "auto-replied" },
      { Precedence: "bulk" },
      { "X-Autoreply": "yes" },
      { "Return-Path": "<>" },
    ]) {
      const result = await ingest(
        buildRawMail({
          from: email,
          to: address.email,
          subject: `Out of office [#${opened.ticketId}]`,
          headers,
        }),
        "pipe",
      );
      expect(result, JSON.stringify(headers)).toMatchObject({ status: "stored", ticketId: opened.ticketId });
    }
    const mails = await outboxForTicket(opened.ticketId);
    expect(mails.filter((m) => m.event === "autoresponse")).toHaveLength(0);
    expect(mails.filter((m) => m.event === "customer_reply_staff")).toHaveLength(4);

    // A bounce from MAILER-DAEMON opening a new ticket gets no confirmation either.
    const bounce = await ingest(
      buildRawMail({
        from: `Mail Delivery System <MAILER-DAEMON@${unique("mx")}.example.test>`,
        to: address.email,
        subject: "Undelivered Mail Returned to Sender",
      }),
      "pipe",
    );
    if (bounce.status !== "stored") throw new Error("bounce not stored");
    const bounceMails = await outboxForTicket(bounce.ticketId);
    expect(bounceMails.map((m) => m.event)).toEqual(["new_ticket_staff"]);
  });

  it("the same message piped twice is stored once", async () => {
    const { messageId, raw } = await customerMail({ subject: "Twice" });
    const first = await runPipe(raw);
    const second = await runPipe(raw);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stderr).toContain("already stored");
    expect(await messagesWithEmailId(messageId)).toHaveLength(1);
    expect(await db.select().from(inboundMail).where(eq(inboundMail.messageId, messageId))).toHaveLength(1);
  });

  it("more concurrent deliveries in one process than the pool has connections are all stored, and a duplicate among them once", async () => {
    // Each delivery holds its per-message lock while it stores: the locks must not take the pool's connections.
    const mails = await Promise.all(Array.from({ length: 14 }, (_, i) => customerMail({ subject: `Concurrent ${i}` })));
    const raws = [...mails.map((mail) => mail.raw), mails[0]!.raw, mails[1]!.raw];
    const results = await Promise.all(raws.map((raw) => ingest(raw, "pipe")));
    expect(results.filter((result) => result.status === "stored")).toHaveLength(14);
    expect(results.filter((result) => result.status === "duplicate")).toHaveLength(2);
    for (const mail of mails) expect(await messagesWithEmailId(mail.messageId)).toHaveLength(1);
  });

  it("the pipe exits 75 when the database is down, and stores the message when the MTA retries", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { messageId, raw } = await customerMail({ subject: "While the database was down" });
    const down = await runPipe(raw, {
      DATABASE_URL: `mysql://helpdeck:helpdeck@127.0.0.1:${closedPort}/helpdeck_test_mail`,
    });
    expect(down.code, down.stderr).toBe(75);
    expect(await messagesWithEmailId(messageId)).toHaveLength(0);

    const retried = await runPipe(raw);
    expect(retried.code, retried.stderr).toBe(0);
    expect(await messagesWithEmailId(messageId)).toHaveLength(1);
  });

  it("Cc'd people become participants and are copied on staff replies", async () => {
    const colleague = uniqueEmail("colleague");
    const { email, raw } = await customerMail({ subject: "Team issue", cc: `Colleague <${colleague}>` });
    const opened = await ingest(raw, "pipe");
    if (opened.status !== "stored") throw new Error("not stored");
    const participants = await db
      .select()
      .from(ticketParticipants)
      .where(eq(ticketParticipants.ticketId, opened.ticketId));
    expect(participants.map((p) => p.email)).toEqual([colleague]);
    // The colleague may answer by subject reference.
    const answer = await ingest(
      buildRawMail({ from: colleague, to: address.email, subject: `Re: [#${opened.ticketId}] Team issue` }),
      "pipe",
    );
    expect(answer).toMatchObject({ status: "stored", ticketId: opened.ticketId });
    await addStaffReply(agent.actor, opened.ticketId, { message: "Fixed for both of you." });
    await send();
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(email) && (m.parsed.text ?? "").includes("Fixed for both"),
    );
    expect(mail.envelope.to).toContain(colleague);
  });

  it("assigning a ticket tells the assignee", async () => {
    const other = await makeStaff({ departmentIds: [department.id] });
    const { raw } = await customerMail({ subject: "Assign me" });
    const opened = await ingest(raw, "pipe");
    if (opened.status !== "stored") throw new Error("not stored");
    await updateTicket(agent.actor, opened.ticketId, { assignedStaffId: other.id });
    await send();
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(other.email) && (m.parsed.subject ?? "").includes("Assigned to you"),
    );
    expect(mail.parsed.subject).toContain(`[#${opened.ticketId}]`);
    expect(header(mail, "auto-submitted")).toBe("auto-generated");
  });

  it("a password reset mail is queued in the caller's transaction and sent", async () => {
    const to = uniqueEmail("reset");
    const link = `${process.env.APP_URL}/reset/${unique("tok")}?a=1&b=<2>`;
    await db.transaction((tx) => enqueuePasswordResetMail(tx, { to, name: "Bob <script>", link }));
    await drainOutbox({ emailAddressIds: [address.id], limit: 500 });
    // Sent from the first/default address, which may belong to another test: wait for any sink to get it only if ours.
    const [row] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, to), eq(outbox.event, "password_reset")));
    expect(row).toBeDefined();
    expect(row!.bodyHtml).toContain("Bob &lt;script&gt;");
    expect(row!.bodyHtml).not.toContain("<script>");
    expect(row!.bodyText).toContain(link);
  });

  it("mail from a blocked sender is held back raw, and an admin's retry stores it once the sender is unblocked", async () => {
    const { email, messageId, raw } = await customerMail({ subject: "From a blocked sender" });
    await db.insert(users).values({ email, fullname: "Blocked", blocked: true });
    const held = await ingest(raw, "pipe");
    expect(held.status).toBe("ignored");
    if (held.status !== "ignored") return;
    const [row] = await db.select().from(inboundMail).where(eq(inboundMail.id, held.inboundId));
    expect(Buffer.from(row!.raw!, "latin1").equals(raw)).toBe(true);
    expect((await ingest(raw, "pipe")).status).toBe("duplicate");

    await db.update(users).set({ blocked: false }).where(eq(users.email, email));
    const retried = await retryInboundMail(held.inboundId);
    expect(retried).toMatchObject({ status: "stored", createdTicket: true });
    expect(await messagesWithEmailId(messageId)).toHaveLength(1);
    const [after] = await db.select().from(inboundMail).where(eq(inboundMail.id, held.inboundId));
    expect(after).toMatchObject({ status: "stored", raw: null });
  });

  it("mail with no sender at all is kept in the dead-letter list, raw", async () => {
    const raw = buildRawMail({ from: null, to: address.email, subject: "Who am I" });
    const result = await ingest(raw, "pipe");
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    const [row] = await db.select().from(inboundMail).where(eq(inboundMail.id, result.inboundId));
    expect(row!.raw).toContain("Who am I");
    expect(await db.select().from(tickets).where(eq(tickets.subject, "Who am I"))).toHaveLength(0);
  });
});
