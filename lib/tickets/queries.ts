import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import { db } from "@/db";
import { attachments, departments, messages, priorities, staff, ticketHistory, tickets, users } from "@/db/schema";
import type { StaffActor, UserActor } from "../auth/actors";
import { AppError } from "../errors";
import type { CustomerTicketsQuery } from "../validation/tickets";

export const assignee = alias(staff, "assignee");

/** Tickets a staff member may see: their departments' (admins: all). */
export function staffScope(actor: StaffActor): SQL | undefined {
  if (actor.role === "admin") return undefined;
  if (actor.departmentIds.length === 0) return sql`false`;
  return inArray(tickets.departmentId, actor.departmentIds);
}

/** Tickets a customer may see: their own, and their organization's when it shares tickets. */
function customerScope(actor: UserActor): SQL {
  if (actor.seesOrganizationTickets && actor.organizationId) {
    return or(eq(tickets.userId, actor.id), eq(users.organizationId, actor.organizationId))!;
  }
  return eq(tickets.userId, actor.id);
}

/** "123" or "#123" finds ticket 123; anything else matches the subject. */
export function numberOrSubjectSearch(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const number = /^#?(\d{1,10})$/.exec(q);
  if (number) return eq(tickets.id, Number(number[1]));
  return like(tickets.subject, `%${escapeLike(q)}%`);
}

export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const sortColumns = {
  updated: tickets.lastUpdateAt,
  created: tickets.createdAt,
  id: tickets.id,
  subject: tickets.subject,
  status: tickets.status,
};

export function ticketOrdering(sort: keyof typeof sortColumns, dir: "asc" | "desc") {
  const order = dir === "asc" ? asc : desc;
  // The id breaks ties so that pages never repeat or skip a row.
  return [order(sortColumns[sort]), order(tickets.id)];
}

const ticketDetailColumns = {
  id: tickets.id,
  subject: tickets.subject,
  status: tickets.status,
  publicToken: tickets.publicToken,
  source: tickets.source,
  replies: tickets.replies,
  createdAt: tickets.createdAt,
  lastUpdateAt: tickets.lastUpdateAt,
  closedAt: tickets.closedAt,
  departmentId: tickets.departmentId,
  departmentName: departments.name,
  priorityId: tickets.priorityId,
  priorityName: priorities.name,
  assignedStaffId: tickets.assignedStaffId,
  assigneeName: assignee.fullname,
  userId: tickets.userId,
  customerName: users.fullname,
  customerEmail: users.email,
};

function ticketDetailQuery() {
  return db
    .select(ticketDetailColumns)
    .from(tickets)
    .innerJoin(departments, eq(departments.id, tickets.departmentId))
    .innerJoin(users, eq(users.id, tickets.userId))
    .leftJoin(assignee, eq(assignee.id, tickets.assignedStaffId))
    .leftJoin(priorities, eq(priorities.id, tickets.priorityId));
}

export type TicketDetail = Awaited<ReturnType<typeof getTicketForStaff>>;

/** A ticket the agent may work on; anything outside their departments is "not found". */
export async function getTicketForStaff(actor: StaffActor, ticketId: number) {
  const [row] = await ticketDetailQuery().where(and(eq(tickets.id, ticketId), staffScope(actor)));
  if (!row) throw new AppError("not_found", "Ticket not found.");
  return row;
}

/** A ticket the customer may see; another person's ticket is "not found". */
export async function getTicketForCustomer(actor: UserActor, ticketId: number) {
  const [row] = await ticketDetailQuery().where(and(eq(tickets.id, ticketId), customerScope(actor)));
  if (!row) throw new AppError("not_found", "Ticket not found.");
  return row;
}

export async function getTicketByPublicToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await ticketDetailQuery().where(eq(tickets.publicToken, token));
  return row ?? null;
}

/** The thread, oldest first. Customers' doors pass includeNotes: false. */
export async function getThread(ticketId: number, { includeNotes }: { includeNotes: boolean }) {
  return threadMessages(ticketId, includeNotes);
}

/**
 * The opening message and the latest `latest` messages, oldest first, and how many lie between them
 * (`hidden`): a long thread's page renders a bounded number of messages (each costs render time and
 * page weight), and the earlier ones load on request.
 */
export async function getThreadTail(ticketId: number, { includeNotes, latest }: { includeNotes: boolean; latest: number }) {
  // Ids only, from the (ticket, id) index: cheap even for a long thread.
  const ids = (
    await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.ticketId, ticketId), includeNotes ? undefined : eq(messages.isNote, false)))
      .orderBy(asc(messages.id))
  ).map((row) => row.id);
  if (ids.length <= latest + 1) return { messages: await threadMessages(ticketId, includeNotes), hidden: 0 };
  const shown = [ids[0]!, ...ids.slice(-latest)];
  return { messages: await threadMessages(ticketId, includeNotes, shown), hidden: ids.length - shown.length };
}

async function threadMessages(ticketId: number, includeNotes: boolean, onlyIds?: number[]) {
  const author = alias(staff, "author");
  const rows = await db
    .select({
      id: messages.id,
      authorType: messages.authorType,
      isNote: messages.isNote,
      body: messages.body,
      bodyFormat: messages.bodyFormat,
      createdAt: messages.createdAt,
      staffId: messages.staffId,
      staffName: author.fullname,
      userName: users.fullname,
    })
    .from(messages)
    .leftJoin(author, eq(author.id, messages.staffId))
    .leftJoin(users, eq(users.id, messages.userId))
    .where(
      and(eq(messages.ticketId, ticketId), includeNotes ? undefined : eq(messages.isNote, false), onlyIds ? inArray(messages.id, onlyIds) : undefined),
    )
    .orderBy(asc(messages.id));
  const files = rows.length
    ? await db
        .select({
          id: attachments.id,
          messageId: attachments.messageId,
          filename: attachments.filename,
          size: attachments.size,
          contentType: attachments.contentType,
        })
        .from(attachments)
        .where(
          and(
            eq(attachments.ticketId, ticketId),
            inArray(
              attachments.messageId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return rows.map((row) => ({ ...row, attachments: files.filter((f) => f.messageId === row.id) }));
}

export type ThreadMessage = Awaited<ReturnType<typeof threadMessages>>[number];

export async function listCustomerTickets(actor: UserActor, query: CustomerTicketsQuery, pageSize: number) {
  const where = and(customerScope(actor), query.status ? eq(tickets.status, query.status) : undefined, numberOrSubjectSearch(query.q));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: tickets.id,
        subject: tickets.subject,
        status: tickets.status,
        lastUpdateAt: tickets.lastUpdateAt,
        createdAt: tickets.createdAt,
        departmentName: departments.name,
        customerName: users.fullname,
      })
      .from(tickets)
      .innerJoin(departments, eq(departments.id, tickets.departmentId))
      .innerJoin(users, eq(users.id, tickets.userId))
      .where(where)
      .orderBy(...ticketOrdering(query.sort, query.dir))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db
      .select({ value: count() })
      .from(tickets)
      .innerJoin(users, eq(users.id, tickets.userId))
      .where(where),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, page: query.page, pageCount: Math.max(1, Math.ceil(totalRows / pageSize)) };
}

export type CustomerTicketRow = Awaited<ReturnType<typeof listCustomerTickets>>["rows"][number];

/** The ticket's history, newest first, with the acting staff member's name where there is one. */
export async function getTicketHistory(ticketId: number) {
  const actorStaff = alias(staff, "actor_staff");
  return db
    .select({
      id: ticketHistory.id,
      action: ticketHistory.action,
      actorType: ticketHistory.actorType,
      staffName: actorStaff.fullname,
      details: ticketHistory.details,
      createdAt: ticketHistory.createdAt,
    })
    .from(ticketHistory)
    .leftJoin(actorStaff, and(eq(ticketHistory.actorType, "staff"), eq(actorStaff.id, ticketHistory.actorId)))
    .where(eq(ticketHistory.ticketId, ticketId))
    .orderBy(desc(ticketHistory.id))
    .limit(200);
}

export type TicketHistoryEntry = Awaited<ReturnType<typeof getTicketHistory>>[number];
