import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { attachments, departments, messages, staff, tickets, users } from "@/db/schema";
import { countTickets } from "../tickets/counts";
import type { TicketStatusCode } from "../tickets/status";
import { selectApiTicket, selectFilteredApiTickets, selectUnfilteredApiTickets, type ApiTicket, type TicketFilter } from "./ticket-rows";

/** Reads in the shapes HelpDeskZ's API returns; scoping is the key's permissions, checked by the caller. */

/**
 * One page of tickets in id order, by OFFSET as HelpDeskZ pages, with the exact total.
 *
 * Unfiltered: the page and the total come from the counters the triggers keep, which locate the page's
 * id block (lib/api/ticket-rows.ts): OFFSET then walks at most half a block instead of every row before
 * the page (OFFSET 500,000 over the primary key costs ~100 ms), and nothing in a block without gaps.
 * Filtered pages use OFFSET on their index; their total comes from the counters, except with a user
 * filter, which counts that user's few rows through tickets_user_idx.
 */
export async function listTicketsPage(filter: TicketFilter, page: number, pageSize: number): Promise<{ rows: ApiTicket[]; total: number }> {
  const offset = (page - 1) * pageSize;
  if (!filter.status && !filter.userId && !filter.departmentId) return selectUnfilteredApiTickets(offset, pageSize);
  const where = and(
    filter.status ? eq(tickets.status, filter.status) : undefined,
    filter.userId ? eq(tickets.userId, filter.userId) : undefined,
    filter.departmentId ? eq(tickets.departmentId, filter.departmentId) : undefined,
  );
  const total = filter.userId
    ? ((await db.select({ value: count() }).from(tickets).where(where))[0]?.value ?? 0)
    : await countTickets(filter);
  if (offset >= total) return { rows: [], total };
  return { rows: await selectFilteredApiTickets(filter, offset, pageSize), total };
}

export const getApiTicket = selectApiTicket;

/** The public thread of a ticket (internal notes never leave the agent interface), oldest first. */
export async function listMessagesPage(ticketId: number, page: number, pageSize: number) {
  const where = and(eq(messages.ticketId, ticketId), eq(messages.isNote, false));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: messages.id,
        createdAt: messages.createdAt,
        authorType: messages.authorType,
        staffId: messages.staffId,
        body: messages.body,
      })
      .from(messages)
      .where(where)
      .orderBy(asc(messages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: count() }).from(messages).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/** Attachments of public messages, optionally of one ticket and/or one message; at most `limit`. */
export function listAttachmentRows(filter: { ticketId?: number; messageId?: number }, limit: number) {
  const conditions: (SQL | undefined)[] = [
    filter.ticketId ? eq(attachments.ticketId, filter.ticketId) : undefined,
    filter.messageId ? eq(attachments.messageId, filter.messageId) : undefined,
    eq(messages.isNote, false),
  ];
  return db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      messageId: attachments.messageId,
      size: attachments.size,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(...conditions))
    .orderBy(asc(attachments.id))
    .limit(limit);
}

export async function getPublicAttachment(id: number) {
  const [row] = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      storageKey: attachments.storageKey,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(attachments.id, id), eq(messages.isNote, false)));
  return row ?? null;
}

const staffColumns = {
  id: staff.id,
  username: staff.username,
  fullname: staff.fullname,
  email: staff.email,
  createdAt: staff.createdAt,
  lastLoginAt: staff.lastLoginAt,
};

export function listStaffRows(username?: string) {
  return db
    .select(staffColumns)
    .from(staff)
    .where(username ? eq(staff.username, username) : undefined)
    .orderBy(asc(staff.id));
}

export async function getStaffRow(id: number) {
  const [row] = await db.select(staffColumns).from(staff).where(eq(staff.id, id));
  return row ?? null;
}

export type ApiStaffRow = NonNullable<Awaited<ReturnType<typeof getStaffRow>>>;

export async function staffIsActive(id: number) {
  const [row] = await db.select({ active: staff.active }).from(staff).where(eq(staff.id, id));
  return Boolean(row?.active);
}

export async function userExists(id: number) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
  return Boolean(row);
}

export async function departmentExists(id: number) {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return Boolean(row);
}

/** The ticket a message or change is for. Plain SQL text: it runs on every API reply, and the builder cost more than the read. */
export async function ticketInfo(id: number) {
  const [rows] = (await db.execute(sql`SELECT id, user_id AS userId, status FROM tickets WHERE id = ${id}`)) as unknown as [
    { id: number; userId: number; status: TicketStatusCode }[],
  ];
  return rows[0] ?? null;
}
