import { and, count, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { departments, messages, priorities, tickets, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import type { QueueQuery, QueueView } from "../validation/tickets";
import { assignee, escapeLike, numberOrSubjectSearch, staffScope, ticketOrdering } from "./queries";
import { TicketStatus } from "./status";

const notClosed = sql`${tickets.status} <> ${TicketStatus.Closed}`;

/** Overdue: waiting on us (not answered, not closed) with no activity for the admin's overdue hours. */
const overdue = (overdueHours: number) =>
  and(
    inArray(tickets.status, [TicketStatus.Open, TicketStatus.AwaitingReply, TicketStatus.InProgress]),
    lt(tickets.lastUpdateAt, sql`UTC_TIMESTAMP() - INTERVAL ${overdueHours} HOUR`),
  );

function viewCondition(actor: StaffActor, view: QueueView, overdueHours: number): SQL | undefined {
  switch (view) {
    case "active":
      return notClosed;
    case "mine":
      return and(eq(tickets.assignedStaffId, actor.id), notClosed);
    case "unassigned":
      return and(isNull(tickets.assignedStaffId), notClosed);
    case "open":
      return eq(tickets.status, TicketStatus.Open);
    case "awaiting":
      return eq(tickets.status, TicketStatus.AwaitingReply);
    case "in-progress":
      return eq(tickets.status, TicketStatus.InProgress);
    case "answered":
      return eq(tickets.status, TicketStatus.Answered);
    case "overdue":
      return overdue(overdueHours);
    case "closed":
      return eq(tickets.status, TicketStatus.Closed);
    case "all":
      return undefined;
  }
}

/**
 * Keyword search: a ticket number, or words found in the subject, the requester's name or email, or
 * any message of the ticket (full-text index on messages).
 */
function keywordSearch(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const byNumber = numberOrSubjectSearch(q);
  if (/^#?\d{1,10}$/.test(q)) return byNumber;
  const pattern = `%${escapeLike(q)}%`;
  const words = q
    .split(/\s+/)
    .map((w) => w.replace(/[+\-><()~*"@]/g, ""))
    .filter((w) => w.length >= 3)
    .map((w) => `+${w}*`)
    .join(" ");
  const inMessages = words
    ? inArray(
        tickets.id,
        db
          .select({ id: messages.ticketId })
          .from(messages)
          .where(sql`MATCH(${messages.body}) AGAINST (${words} IN BOOLEAN MODE)`),
      )
    : undefined;
  return or(byNumber, like(users.fullname, pattern), like(users.email, pattern), inMessages);
}

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);
const nextDay = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);

/** Every filter of the queue URL except the view. */
function filterConditions(query: QueueQuery): (SQL | undefined)[] {
  return [
    query.status ? eq(tickets.status, query.status) : undefined,
    query.department ? eq(tickets.departmentId, query.department) : undefined,
    query.priority ? eq(tickets.priorityId, query.priority) : undefined,
    query.assignee ? eq(tickets.assignedStaffId, query.assignee) : undefined,
    query.organization ? eq(users.organizationId, query.organization) : undefined,
    query.createdFrom ? gte(tickets.createdAt, dayStart(query.createdFrom)) : undefined,
    query.createdTo ? lt(tickets.createdAt, nextDay(query.createdTo)) : undefined,
    query.updatedFrom ? gte(tickets.lastUpdateAt, dayStart(query.updatedFrom)) : undefined,
    query.updatedTo ? lt(tickets.lastUpdateAt, nextDay(query.updatedTo)) : undefined,
    keywordSearch(query.q),
  ];
}

/** Whether a query needs the requester joined (organization filter or a keyword that may match names). */
const needsUsers = (query: QueueQuery) => Boolean(query.organization || query.q);

export async function listQueue(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours = 72) {
  const where = and(staffScope(actor), viewCondition(actor, query.view, overdueHours), ...filterConditions(query));
  const countQuery = db.select({ value: count() }).from(tickets);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: tickets.id,
        subject: tickets.subject,
        status: tickets.status,
        replies: tickets.replies,
        lastUpdateAt: tickets.lastUpdateAt,
        createdAt: tickets.createdAt,
        lastReplierType: tickets.lastReplierType,
        departmentName: departments.name,
        customerName: users.fullname,
        customerEmail: users.email,
        assigneeName: assignee.fullname,
        priorityName: priorities.name,
        priorityColor: priorities.color,
      })
      .from(tickets)
      .innerJoin(departments, eq(departments.id, tickets.departmentId))
      .innerJoin(users, eq(users.id, tickets.userId))
      .leftJoin(assignee, eq(assignee.id, tickets.assignedStaffId))
      .leftJoin(priorities, eq(priorities.id, tickets.priorityId))
      .where(where)
      .orderBy(...ticketOrdering(query.sort, query.dir))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    (needsUsers(query) ? countQuery.innerJoin(users, eq(users.id, tickets.userId)) : countQuery).where(where),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, page: query.page, pageCount: Math.max(1, Math.ceil(totalRows / pageSize)) };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];

/** The number of tickets in each view the agent may see, in one pass over their tickets. */
export async function countQueueViews(actor: StaffActor, overdueHours: number): Promise<Record<QueueView, number>> {
  const s = TicketStatus;
  const [row] = await db
    .select({
      all: count(),
      active: sql<string>`SUM(${tickets.status} <> ${s.Closed})`,
      mine: sql<string>`SUM(${tickets.status} <> ${s.Closed} AND ${tickets.assignedStaffId} = ${actor.id})`,
      unassigned: sql<string>`SUM(${tickets.status} <> ${s.Closed} AND ${tickets.assignedStaffId} IS NULL)`,
      open: sql<string>`SUM(${tickets.status} = ${s.Open})`,
      awaiting: sql<string>`SUM(${tickets.status} = ${s.AwaitingReply})`,
      inProgress: sql<string>`SUM(${tickets.status} = ${s.InProgress})`,
      answered: sql<string>`SUM(${tickets.status} = ${s.Answered})`,
      closed: sql<string>`SUM(${tickets.status} = ${s.Closed})`,
      overdue: sql<string>`SUM(${tickets.status} IN (${s.Open}, ${s.AwaitingReply}, ${s.InProgress}) AND ${tickets.lastUpdateAt} < UTC_TIMESTAMP() - INTERVAL ${overdueHours} HOUR)`,
    })
    .from(tickets)
    .where(staffScope(actor));
  const n = (value: unknown) => Number(value ?? 0);
  return {
    all: n(row?.all),
    active: n(row?.active),
    mine: n(row?.mine),
    unassigned: n(row?.unassigned),
    open: n(row?.open),
    awaiting: n(row?.awaiting),
    "in-progress": n(row?.inProgress),
    answered: n(row?.answered),
    overdue: n(row?.overdue),
    closed: n(row?.closed),
  };
}

/** The ticket after this one in the default queue order (active tickets, latest update first). */
export async function nextTicketId(actor: StaffActor, current: { id: number; lastUpdateAt: Date }): Promise<number | null> {
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        staffScope(actor),
        notClosed,
        or(lt(tickets.lastUpdateAt, current.lastUpdateAt), and(eq(tickets.lastUpdateAt, current.lastUpdateAt), lt(tickets.id, current.id))),
      ),
    )
    .orderBy(...ticketOrdering("updated", "desc"))
    .limit(1);
  return row?.id ?? null;
}
