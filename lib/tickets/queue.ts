import { and, count, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import { db } from "@/db";
import { departments, messages, priorities, tickets, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import type { QueueQuery, QueueView } from "../validation/tickets";
import { assignee, escapeLike, numberOrSubjectSearch, staffScope, ticketOrdering } from "./queries";
import { TicketStatus } from "./status";

/** Every status but Closed, as a list so that MariaDB reads ranges of the (status, department, update) index. */
const activeStatuses = [TicketStatus.Open, TicketStatus.Answered, TicketStatus.AwaitingReply, TicketStatus.InProgress];
const notClosed = inArray(tickets.status, activeStatuses);

/**
 * Counts above this are shown as "1,000+": counting at most CAP + 1 rows of an index range costs a
 * millisecond, an exact count of the closed tickets of a big help desk hundreds.
 */
export const QUEUE_COUNT_CAP = 1000;

/** "1,000+" for a count that reached the cap, the number otherwise. */
export const formatQueueCount = (n: number) => (n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP.toLocaleString("en")}+` : n.toLocaleString("en"));

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

const matchedTicket = alias(tickets, "matched_ticket");
const matchedUser = alias(users, "matched_user");

/**
 * Keyword search: a ticket number, or words found in the subject (full-text, word prefixes), any
 * message of the ticket (full-text), or the requester's name or email (substring). The matches are
 * collected as a set of ticket ids (a UNION of index reads) that the queue joins, instead of an OR
 * that MariaDB can only check row by row over every ticket.
 */
function keywordSearch(q: string | undefined): { where?: SQL; join?: SQL } {
  if (!q) return {};
  if (/^#?\d{1,10}$/.test(q)) return { where: numberOrSubjectSearch(q) };
  const pattern = `%${escapeLike(q)}%`;
  const words = q
    .split(/\s+/)
    .map((w) => w.replace(/[+\-><()~*"@]/g, ""))
    .filter((w) => w.length >= 3)
    .map((w) => `+${w}*`)
    .join(" ");
  const byRequester = db
    .select({ id: matchedTicket.id })
    .from(matchedUser)
    .innerJoin(matchedTicket, eq(matchedTicket.userId, matchedUser.id))
    .where(or(like(matchedUser.fullname, pattern), like(matchedUser.email, pattern)));
  // Words too short for the full-text index: the subject by substring (a scan, but a rare query).
  const bySubject = words
    ? db.select({ id: matchedTicket.id }).from(matchedTicket).where(sql`MATCH(${matchedTicket.subject}) AGAINST (${words} IN BOOLEAN MODE)`)
    : db.select({ id: matchedTicket.id }).from(matchedTicket).where(like(matchedTicket.subject, pattern));
  const parts: SQL[] = [sql`${bySubject}`, sql`${byRequester}`];
  if (words) parts.push(sql`${db.select({ id: messages.ticketId }).from(messages).where(sql`MATCH(${messages.body}) AGAINST (${words} IN BOOLEAN MODE)`)}`);
  const union = sql.join(parts, sql` UNION `);
  return { join: sql`(${union}) AS matched` };
}

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);
const nextDay = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);

/** Every filter of the queue URL except the view and the keywords. */
function filterConditions(query: QueueQuery): (SQL | undefined)[] {
  return [
    query.status ? eq(tickets.status, query.status) : undefined,
    query.department ? eq(tickets.departmentId, query.department) : undefined,
    query.priority ? eq(tickets.priorityId, query.priority) : undefined,
    query.assignee ? eq(tickets.assignedStaffId, query.assignee) : undefined,
    query.organization
      ? inArray(tickets.userId, db.select({ id: users.id }).from(users).where(eq(users.organizationId, query.organization)))
      : undefined,
    query.createdFrom ? gte(tickets.createdAt, dayStart(query.createdFrom)) : undefined,
    query.createdTo ? lt(tickets.createdAt, nextDay(query.createdTo)) : undefined,
    query.updatedFrom ? gte(tickets.lastUpdateAt, dayStart(query.updatedFrom)) : undefined,
    query.updatedTo ? lt(tickets.lastUpdateAt, nextDay(query.updatedTo)) : undefined,
  ];
}

/**
 * The page in two steps: the ids of the page's tickets from the tickets table alone (an index read in
 * the sort order, stopping after one row more than the page), then the names (department, requester,
 * assignee, priority) for those ids only. The total is capped (see QUEUE_COUNT_CAP).
 */
function buildQueueQueries(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number) {
  const search = keywordSearch(query.q);
  const where = and(staffScope(actor), viewCondition(actor, query.view, overdueHours), ...filterConditions(query), search.where);
  const from = () => {
    const base = db.select({ id: tickets.id }).from(tickets);
    return search.join ? base.innerJoin(search.join, sql`matched.id = ${tickets.id}`) : base;
  };
  const ids = from()
    .where(where)
    .orderBy(...ticketOrdering(query.sort, query.dir))
    .limit(pageSize + 1)
    .offset((query.page - 1) * pageSize);
  const capped = from()
    .where(where)
    .limit(QUEUE_COUNT_CAP + 1)
    .as("capped");
  return { ids, total: db.select({ value: count() }).from(capped) };
}

function pageRows(ids: number[]) {
  return db
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
    .where(inArray(tickets.id, ids.length ? ids : [0]));
}

/**
 * One page of the queue. `total` is exact up to QUEUE_COUNT_CAP and QUEUE_COUNT_CAP + 1 above it
 * (`totalCapped`); `pageCount` is then unknown (null) and `hasNext` says whether a next page exists.
 */
export async function listQueue(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours = 72) {
  const built = buildQueueQueries(actor, query, pageSize, overdueHours);
  const [idRows, [total]] = await Promise.all([built.ids, built.total]);
  const hasNext = idRows.length > pageSize;
  const ids = idRows.slice(0, pageSize).map((r) => r.id);
  const byId = new Map((await pageRows(ids)).map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const totalRows = total?.value ?? 0;
  const totalCapped = totalRows > QUEUE_COUNT_CAP;
  return {
    rows,
    total: totalRows,
    totalCapped,
    hasNext,
    page: query.page,
    pageCount: totalCapped ? null : Math.max(1, Math.ceil(totalRows / pageSize)),
  };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];

/** The statements each view count runs: small index ranges, and capped counts for Closed and All. */
function buildViewCountQueries(actor: StaffActor, overdueHours: number) {
  const scope = staffScope(actor);
  const countOf = (where: SQL | undefined) => db.select({ value: count() }).from(tickets).where(where);
  const cappedCountOf = (where: SQL | undefined) =>
    db.select({ value: count() }).from(db.select({ id: tickets.id }).from(tickets).where(where).limit(QUEUE_COUNT_CAP + 1).as("capped"));
  return {
    byStatus: db
      .select({ status: tickets.status, value: count() })
      .from(tickets)
      .where(and(scope, notClosed))
      .groupBy(tickets.status),
    mine: countOf(and(scope, eq(tickets.assignedStaffId, actor.id), notClosed)),
    unassigned: countOf(and(scope, isNull(tickets.assignedStaffId), notClosed)),
    overdue: countOf(and(scope, overdue(overdueHours))),
    closed: cappedCountOf(and(scope, eq(tickets.status, TicketStatus.Closed))),
    all: cappedCountOf(scope),
  };
}

/** The SQL statements one queue page runs (for the bench's EXPLAIN), without running them. */
export function queueStatements(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours = 72) {
  const built = buildQueueQueries(actor, query, pageSize, overdueHours);
  const counts = buildViewCountQueries(actor, overdueHours);
  return [
    { name: "page ids", ...built.ids.toSQL() },
    { name: "page rows (names for the page's ids)", ...pageRows([1, 2, 3]).toSQL() },
    { name: "total (capped)", ...built.total.toSQL() },
    ...Object.entries(counts).map(([name, statement]) => ({ name: `view count: ${name}`, ...statement.toSQL() })),
  ];
}

/**
 * The number of tickets in each view the agent may see. Active views are counted exactly from index
 * ranges of the (few) tickets not closed; Closed and All are capped at QUEUE_COUNT_CAP + 1.
 */
export async function countQueueViews(actor: StaffActor, overdueHours: number): Promise<Record<QueueView, number>> {
  const q = buildViewCountQueries(actor, overdueHours);
  const [byStatus, [mine], [unassigned], [overdueCount], [closed], [all]] = await Promise.all([
    q.byStatus,
    q.mine,
    q.unassigned,
    q.overdue,
    q.closed,
    q.all,
  ]);
  const status = (code: number) => Number(byStatus.find((row) => row.status === code)?.value ?? 0);
  const s = TicketStatus;
  const n = (row: { value: number } | undefined) => Number(row?.value ?? 0);
  return {
    all: n(all),
    active: byStatus.reduce((sum, row) => sum + Number(row.value), 0),
    mine: n(mine),
    unassigned: n(unassigned),
    open: status(s.Open),
    awaiting: status(s.AwaitingReply),
    "in-progress": status(s.InProgress),
    answered: status(s.Answered),
    overdue: n(overdueCount),
    closed: n(closed),
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
