import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages, outbox, ticketHistory, ticketParticipants, tickets, users } from "@/db/schema";
import { addNote } from "@/lib/tickets/replies";
import { closeTicketAsCustomer } from "@/lib/tickets/replies";
import {
  closeViaPublicLink,
  confirmLinkEmail,
  getPublicAttachment,
  regeneratePublicToken,
  replyViaPublicLink,
  requestTicketLink,
  signLinkEmail,
  ticketEmailRole,
  verifyLinkEmail,
} from "@/lib/tickets/public-link";
import { getTicketByPublicToken } from "@/lib/tickets/queries";
import { createTicket } from "@/lib/tickets/create";
import { TicketStatus } from "@/lib/tickets/status";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function setup() {
  const department = await makeDepartment();
  const customer = await makeCustomer();
  const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
  return { department, customer, ticket };
}

describe("public ticket link", () => {
  it("regenerating the token makes the old link (and an email confirmed on it) stop working", async () => {
    const { department, customer, ticket } = await setup();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const cookie = signLinkEmail(ticket.id, ticket.publicToken, customer.email, 600);
    expect(verifyLinkEmail(cookie, ticket.id, ticket.publicToken)).toBe(customer.email);

    const { publicToken } = await regeneratePublicToken(agent.actor, ticket.id);
    expect(publicToken).not.toBe(ticket.publicToken);
    expect(publicToken.length).toBeGreaterThanOrEqual(22); // >= 128 bits in base64url
    expect(await getTicketByPublicToken(ticket.publicToken)).toBeNull();
    expect((await getTicketByPublicToken(publicToken))?.id).toBe(ticket.id);
    expect(verifyLinkEmail(cookie, ticket.id, publicToken)).toBeNull();
    await expect(confirmLinkEmail(ticket.publicToken, customer.email, ip())).rejects.toMatchObject({ code: "not_found" });
    const history = await db.select().from(ticketHistory).where(and(eq(ticketHistory.ticketId, ticket.id), eq(ticketHistory.action, "link_regenerated")));
    expect(history).toHaveLength(1);
  });

  it("an agent outside the ticket's department cannot regenerate its link", async () => {
    const { ticket } = await setup();
    const other = await makeStaff({ departmentIds: [(await makeDepartment()).id] });
    await expect(regeneratePublicToken(other.actor, ticket.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getTicketByPublicToken(ticket.publicToken))?.id).toBe(ticket.id);
  });

  it("accepts the requester's and participants' emails only (case-insensitive)", async () => {
    const { customer, ticket } = await setup();
    const participant = uniqueEmail("cc");
    await db.insert(ticketParticipants).values({ ticketId: ticket.id, email: participant });
    expect(await ticketEmailRole(ticket.id, customer.email.toUpperCase())).toBe("requester");
    expect(await ticketEmailRole(ticket.id, participant)).toBe("participant");
    expect(await ticketEmailRole(ticket.id, uniqueEmail("stranger"))).toBeNull();
    // Another ticket's requester is a stranger here.
    const other = await makeCustomer();
    expect(await ticketEmailRole(ticket.id, other.email)).toBeNull();

    await expect(confirmLinkEmail(ticket.publicToken, customer.email, ip())).resolves.toMatchObject({ role: "requester" });
    await expect(confirmLinkEmail(ticket.publicToken, participant, ip())).resolves.toMatchObject({ role: "participant" });
    await expect(confirmLinkEmail(ticket.publicToken, other.email, ip())).rejects.toMatchObject({ code: "invalid" });
  });

  it("rate limits wrong emails per visitor: after 5 wrong ones even the right email is refused", async () => {
    const { customer, ticket } = await setup();
    const visitor = ip();
    for (let i = 0; i < 5; i++) {
      await expect(confirmLinkEmail(ticket.publicToken, uniqueEmail("guess"), visitor)).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(confirmLinkEmail(ticket.publicToken, customer.email, visitor)).rejects.toMatchObject({ code: "rate_limited" });
    // Another visitor is not blocked by the first one's guesses.
    await expect(confirmLinkEmail(ticket.publicToken, customer.email, ip())).resolves.toMatchObject({ role: "requester" });
  });

  it("a reply through the link reopens a closed ticket as Awaiting reply and tells the department's agents", async () => {
    const { department, customer, ticket } = await setup();
    const agent = await makeStaff({ departmentIds: [department.id] });
    await closeTicketAsCustomer(ticket.id, { type: "user", id: customer.id });
    const { messageId } = await replyViaPublicLink(ticket.publicToken, customer.email, { message: "Still broken" });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.status).toBe(TicketStatus.AwaitingReply);
    const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
    expect(message).toMatchObject({ userId: customer.id, body: "Still broken", authorType: "user" });
    const mails = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.event, "customer_reply_staff")));
    expect(mails.map((m) => m.toAddress)).toContain(agent.email);
    const [event] = await db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, ticket.id), eq(ticketHistory.action, "customer_replied")));
    expect(event?.details).toMatchObject({ via: "link" });
  });

  it("a participant replies as their own customer record; a stranger cannot reply or close", async () => {
    const { ticket } = await setup();
    const participant = uniqueEmail("cc");
    await db.insert(ticketParticipants).values({ ticketId: ticket.id, email: participant });
    const { messageId } = await replyViaPublicLink(ticket.publicToken, participant, { message: "Me too" });
    const [message] = await db.select({ userId: messages.userId }).from(messages).where(eq(messages.id, messageId));
    const [author] = await db.select().from(users).where(eq(users.id, message!.userId!));
    expect(author?.email).toBe(participant);
    expect(author?.passwordHash).toBeNull();

    await expect(replyViaPublicLink(ticket.publicToken, uniqueEmail("x"), { message: "hi" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(closeViaPublicLink(ticket.publicToken, uniqueEmail("x"))).rejects.toMatchObject({ code: "forbidden" });
    await closeViaPublicLink(ticket.publicToken, participant);
    const [row] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.status).toBe(TicketStatus.Closed);
  });

  it("serves only public attachments of the link's own ticket", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const file = (name: string) => [{ filename: name, contentType: "text/plain", data: Buffer.from(name) }];
    const mine = await createTicket({
      requester: { userId: customer.id },
      departmentId: department.id,
      subject: unique("A "),
      message: "m",
      files: file("mine.txt"),
      source: "api",
      openedBy: { type: "api" },
      notify: false,
    });
    const other = await createTicket({
      requester: { userId: customer.id },
      departmentId: department.id,
      subject: unique("B "),
      message: "m",
      files: file("other.txt"),
      source: "api",
      openedBy: { type: "api" },
      notify: false,
    });
    await addNote(agent.actor, mine.id, { message: "internal", files: file("note.txt") });
    const thread = await db.query.attachments.findMany({ where: (a, { inArray }) => inArray(a.ticketId, [mine.id, other.id]) });
    const byName = Object.fromEntries(thread.map((a) => [a.filename, a.id]));
    expect((await getPublicAttachment(mine.publicToken, byName["mine.txt"]!))?.filename).toBe("mine.txt");
    expect(await getPublicAttachment(mine.publicToken, byName["other.txt"]!)).toBeNull();
    expect(await getPublicAttachment(mine.publicToken, byName["note.txt"]!)).toBeNull();
    expect(await getPublicAttachment("x".repeat(32), byName["mine.txt"]!)).toBeNull();
  });

  it("a forged or tampered confirmation cookie is refused", () => {
    const token = "t".repeat(32);
    const value = signLinkEmail(1, token, "a@example.test", 600);
    expect(verifyLinkEmail(value, 2, token)).toBeNull();
    const [, expires, mac] = value.split(".");
    expect(verifyLinkEmail(`${Buffer.from("b@example.test").toString("base64url")}.${expires}.${mac}`, 1, token)).toBeNull();
    expect(verifyLinkEmail(signLinkEmail(1, token, "a@example.test", -10), 1, token)).toBeNull();
    expect(verifyLinkEmail(undefined, 1, token)).toBeNull();
  });
});

describe("check a ticket", () => {
  it("mails the link only when number and email match, and answers the same either way", async () => {
    const { customer, ticket } = await setup();
    const before = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.event, "ticket_link")));
    expect(before).toHaveLength(0);
    await expect(requestTicketLink({ ticketId: ticket.id, email: uniqueEmail("nobody") }, ip())).resolves.toBeUndefined();
    await expect(requestTicketLink({ ticketId: 999_999_999, email: customer.email }, ip())).resolves.toBeUndefined();
    await expect(requestTicketLink({ ticketId: ticket.id, email: customer.email }, ip())).resolves.toBeUndefined();
    const mails = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.event, "ticket_link")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(customer.email);
    expect(mails[0]!.bodyText).toContain(`/t/${ticket.publicToken}`);
  });

  it("is rate limited per email address", async () => {
    const { customer, ticket } = await setup();
    for (let i = 0; i < 10; i++) await requestTicketLink({ ticketId: ticket.id, email: customer.email }, ip());
    await expect(requestTicketLink({ ticketId: ticket.id, email: customer.email }, ip())).rejects.toMatchObject({ code: "rate_limited" });
  });
});
