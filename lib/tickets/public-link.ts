import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { attachments, messages, ticketParticipants, tickets, users } from "@/db/schema";
import type { IncomingFile } from "../attachments";
import type { StaffActor } from "../auth/actors";
import { assertCan } from "../auth/permissions";
import { requireSecret } from "../env";
import { AppError } from "../errors";
import { enqueueTicketLinkMail } from "../mail/notifications";
import { enforceRateLimit, hitRateLimit, isRateLimited } from "../rate-limit";
import { getSettings } from "../settings";
import { randomToken, safeEqual } from "../tokens";
import { findOrCreateCustomer } from "../users";
import { recordTicketEvent } from "./history";
import { getTicketByPublicToken, getTicketForStaff } from "./queries";
import { addCustomerReply, closeTicketAsCustomer } from "./replies";

// The public ticket link (/t/<token>): whoever holds the token may read the ticket's public thread;
// replying and closing also need an email address that belongs to the ticket (requester or participant).

export type PublicTicket = NonNullable<Awaited<ReturnType<typeof getTicketByPublicToken>>>;

const normalise = (email: string) => email.trim().toLowerCase();

/** The ticket behind a public link, or not_found (a wrong or regenerated token). */
export async function getPublicTicketOrThrow(token: string): Promise<PublicTicket> {
  const ticket = await getTicketByPublicToken(token);
  if (!ticket) throw new AppError("not_found", "Ticket not found.");
  return ticket;
}

/** Every visit through the link goes into the ticket's history. */
export async function recordLinkView(ticketId: number, ip?: string | null, confirmedEmail?: string | null) {
  await recordTicketEvent(
    db,
    ticketId,
    { type: "guest" },
    "link_viewed",
    confirmedEmail ? { email: confirmedEmail } : undefined,
    ip,
  );
}

/**
 * Who an email address is on this ticket: the requester (their customer id), a participant, or
 * nobody (null). Only these two kinds of address may act through the link.
 */
export async function ticketEmailRole(
  ticketId: number,
  email: string,
): Promise<"requester" | "participant" | null> {
  const address = normalise(email);
  if (!address) return null;
  const [ticket] = await db
    .select({ email: users.email })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.userId))
    .where(eq(tickets.id, ticketId));
  if (!ticket) return null;
  if (ticket.email.toLowerCase() === address) return "requester";
  const [participant] = await db
    .select({ email: ticketParticipants.email })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.email, address)));
  return participant ? "participant" : null;
}

const wrongEmailBuckets = (ticketId: number, ip: string) => ({
  perIp: `link:email:${ticketId}:ip:${ip}`,
  perTicket: `link:email:${ticketId}`,
});
const WRONG_EMAIL_WINDOW = 15 * 60;

/**
 * Checks that `email` belongs to the ticket behind `token`. Wrong addresses are counted per visitor
 * and per ticket; past the limit every attempt is refused for a while, right or wrong, so that the
 * limit cannot be used to test addresses.
 */
export async function confirmLinkEmail(token: string, email: string, ip: string) {
  const ticket = await getPublicTicketOrThrow(token);
  const { portalLinkEmailAttempts } = await getSettings();
  const buckets = wrongEmailBuckets(ticket.id, ip);
  const limited =
    "Too many wrong email addresses were entered for this ticket. Please wait 15 minutes and try again.";
  if (
    (await isRateLimited(buckets.perIp, portalLinkEmailAttempts)) ||
    (await isRateLimited(buckets.perTicket, portalLinkEmailAttempts * 4))
  ) {
    throw new AppError("rate_limited", limited);
  }
  const role = await ticketEmailRole(ticket.id, email);
  if (!role) {
    await hitRateLimit(buckets.perIp, portalLinkEmailAttempts, WRONG_EMAIL_WINDOW);
    await hitRateLimit(buckets.perTicket, portalLinkEmailAttempts * 4, WRONG_EMAIL_WINDOW);
    const message =
      "This email address is not on this ticket. Use the address the ticket's emails were sent to.";
    throw new AppError("invalid", message, { email: message });
  }
  await recordTicketEvent(
    db,
    ticket.id,
    { type: "guest" },
    "link_email_confirmed",
    { email: normalise(email), role },
    ip,
  );
  return { ticketId: ticket.id, email: normalise(email), role };
}

/** The ticket and the customer acting for an address confirmed earlier; checked again on every action. */
async function actingCustomer(token: string, email: string) {
  const ticket = await getPublicTicketOrThrow(token);
  const role = await ticketEmailRole(ticket.id, email);
  if (!role) throw new AppError("forbidden", "Confirm your email address to reply to this ticket.");
  if (role === "requester") return { ticket, userId: ticket.userId };
  // A participant replies as their own customer record (created without a password when new), as by mail.
  const customer = await db.transaction((tx) =>
    findOrCreateCustomer(tx, { email: normalise(email), fullname: "" }),
  );
  return { ticket, userId: customer.id };
}

/** A reply through the link: reopens a closed ticket (Awaiting reply) and tells the agents. */
export async function replyViaPublicLink(
  token: string,
  email: string,
  input: { message: string; files?: IncomingFile[]; ip?: string | null },
) {
  const { ticket, userId } = await actingCustomer(token, email);
  return addCustomerReply(ticket.id, userId, { ...input, via: "link" });
}

export async function closeViaPublicLink(token: string, email: string, ip?: string | null) {
  const { ticket, userId } = await actingCustomer(token, email);
  await closeTicketAsCustomer(ticket.id, { type: "guest", id: userId }, ip);
}

/** An attachment of the link's ticket, from a public message (never an internal note); else null. */
export async function getPublicAttachment(token: string, attachmentId: number) {
  const ticket = await getTicketByPublicToken(token);
  if (!ticket) return null;
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(
      and(eq(attachments.id, attachmentId), eq(attachments.ticketId, ticket.id), eq(messages.isNote, false)),
    );
  return row?.attachment ?? null;
}

/** Whether an attachment belongs to a public message (customers never get files of internal notes). */
export async function isOnPublicMessage(attachmentId: number) {
  const [row] = await db
    .select({ id: attachments.id })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(attachments.id, attachmentId), eq(messages.isNote, false)));
  return Boolean(row);
}

/** A new link for the ticket: the old one stops working at once (and any email confirmed for it). */
export async function regeneratePublicToken(actor: StaffActor, ticketId: number) {
  assertCan(actor, "tickets.work");
  await getTicketForStaff(actor, ticketId);
  const publicToken = randomToken();
  await db.transaction(async (tx) => {
    await tx.update(tickets).set({ publicToken }).where(eq(tickets.id, ticketId));
    await recordTicketEvent(tx, ticketId, { type: "staff", id: actor.id }, "link_regenerated");
  });
  return { publicToken };
}

/**
 * "Check a ticket": sends the link to `email` when it belongs to ticket `ticketId`. Says nothing
 * about whether it did: the caller shows the same message either way.
 */
export async function requestTicketLink(input: { ticketId: number; email: string }, ip: string) {
  const { portalLinkRequestsPerHour } = await getSettings();
  const limited = "Too many link requests. Please try again in an hour.";
  await enforceRateLimit(`link:request:ip:${ip}`, portalLinkRequestsPerHour, 3600, limited);
  await enforceRateLimit(
    `link:request:email:${normalise(input.email)}`,
    portalLinkRequestsPerHour,
    3600,
    limited,
  );
  const role = await ticketEmailRole(input.ticketId, input.email);
  if (!role) return;
  await db.transaction(async (tx) => {
    await enqueueTicketLinkMail(tx, { ticketId: input.ticketId, to: normalise(input.email) });
    await recordTicketEvent(
      tx,
      input.ticketId,
      { type: "guest" },
      "link_requested",
      { email: normalise(input.email) },
      ip,
    );
  });
}

// The confirmed address is remembered in a cookie signed with the server's secret and bound to the
// ticket and its current token: it cannot be forged, moved to another ticket, or outlive a new link.

const signature = (ticketId: number, token: string, email: string, expires: number) =>
  createHmac("sha256", requireSecret("NEXTAUTH_SECRET"))
    .update(`public-link-email|${ticketId}|${token}|${email}|${expires}`)
    .digest("base64url");

export function signLinkEmail(ticketId: number, token: string, email: string, maxAgeSeconds: number) {
  const expires = Math.floor(Date.now() / 1000) + maxAgeSeconds;
  return `${Buffer.from(email).toString("base64url")}.${expires}.${signature(ticketId, token, email, expires)}`;
}

/** The email in a cookie made by signLinkEmail for this ticket and token, or null. */
export function verifyLinkEmail(value: string | undefined, ticketId: number, token: string): string | null {
  const [encoded, expiresText, mac] = (value ?? "").split(".");
  if (!encoded || !expiresText || !mac) return null;
  const expires = Number(expiresText);
  if (!Number.isInteger(expires) || expires < Date.now() / 1000) return null;
  const email = Buffer.from(encoded, "base64url").toString();
  return safeEqual(mac, signature(ticketId, token, email, expires)) ? email : null;
}
