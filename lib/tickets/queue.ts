import { and, count, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from "drizzle-orm";
import { MySqlDialect } from "drizzle-orm/mysql-core";
import { db } from "@/db";
import { departments, messages, priorities, tickets, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import type { QueueQuery, QueueView } from "../validation/tickets";
import { countTicketGroups, ticketGroupsQuery, type TicketGroup } from "./counts";
import { assignee, escapeLike, numberOrSubjectSearch, staffScope, ticketOrdering } from "./queries";
import { listDepartmentIds } from "../departments";
import { departmentSearchMatches } from "./search";
import { TicketStatus } from "./status";

/** Every status but Closed, as a list so that MariaDB reads ranges of the (status, department, update) index. */
const activeStatuses: number[] = [TicketStatus.Open, TicketStatus.Answered, TicketStatus.AwaitingReply, TicketStatus.InProgress];
const notClosed = inArray(tickets.status, activeStatuses);

/**
 * Counts above this are shown as "1,000+": counting at most CAP + 1 rows of an index range costs a
 * millisecond, an exact count of the closed tickets of a big help desk hundreds.
 */
export const QUEUE_COUNT_CAP = 1000;

/** "1,000+" for a count that reached the cap, the number otherwise. */
export const formatQueueCount = (n: number) => (n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP.toLocaleString("en")}+` : n.toLocaleString("en"));

/** Waiting on us: not answered, not closed. */
const waitingStatuses: number[] = [TicketStatus.Open, TicketStatus.AwaitingReply, TicketStatus.InProgress];
const overdueSince = (overdueHours: number) => sql`UTC_TIMESTAMP() - INTERVAL ${overdueHours} HOUR`;

/** Overdue: waiting on us with no activity for the admin's overdue hours. */
const overdue = (overdueHours: number) => and(inArray(tickets.status, waitingStatuses), lt(tickets.lastUpdateAt, overdueSince(overdueHours)));

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

/*
 * Keyword search: a ticket number, or words found in the subject or any message of the ticket (word
 * prefixes), or the requester's name or email (substring). Words are looked up in the
 * department-scoped index (./search.ts) over the departments searched: the agent's, the filter's, or
 * every department for an admin, so a search costs what its matches cost and one rule serves everyone.
 */

const isNumberSearch = (q: string) => /^#?\d{1,10}$/.test(q);

/** A search for a ticket number: that ticket. */
function numberSearch(query: QueueQuery): SQL | undefined {
  return query.q && isNumberSearch(query.q) ? numberOrSubjectSearch(query.q) : undefined;
}

/** The matches of a keyword search (not a ticket number), as a set of ticket ids; undefined for none. */
async function keywordMatches(actor: StaffActor, query: QueueQuery): Promise<SQL | undefined> {
  if (!query.q || isNumberSearch(query.q)) return undefined;
  return departmentSearchMatches(await searchedDepartments(actor, query), query.q);
}

/** The departments a search is limited to: the filter's (when the actor works there), else the agent's, else all. */
async function searchedDepartments(actor: StaffActor, query: QueueQuery): Promise<number[]> {
  if (query.department) return actor.role === "admin" || actor.departmentIds.includes(query.department) ? [query.department] : [];
  return actor.role === "admin" ? listDepartmentIds() : actor.departmentIds;
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
 * The words of a keyword search that the recent-window path can check (each a word of 3+ letters or
 * digits, as full-text search sees them); null for anything else (numbers, emails, punctuation).
 */
function searchWords(q: string | undefined): string[] | null {
  if (!q || /^#?\d{1,10}$/.test(q)) return null;
  const words = q.split(/\s+/);
  return words.every((w) => w.length >= 3 && /^[\p{L}\p{N}]+$/u.test(w)) ? words : null;
}

/** Tickets read per page of results, in the page's order, before a search falls back to full text. */
const SEARCH_WINDOW = 1000;
const SEARCH_WINDOW_MAX = 10_000;

/** Word-prefix match as full-text's `+word*` (a word starts there), checked on the row itself. */
const startsWordIn = (column: SQL | typeof tickets.subject, word: string) => sql`${column} REGEXP ${`(?<![\\p{L}\\p{N}])${word}`}`;

/**
 * Which of these tickets a search matches, by the same rule as departmentSearchMatches (requester, all words in
 * the subject, or all words in one message), checked row by row on just these tickets. Two plain
 * statements rather than one with EXISTS: MariaDB would turn the message EXISTS into a scan of every
 * message.
 */
function windowMatches(ids: number[], q: string, words: string[]) {
  const pattern = `%${escapeLike(q)}%`;
  const inWindow = (column: typeof tickets.id | typeof messages.ticketId) => inArray(column, ids.length ? ids : [0]);
  return {
    bySubjectOrRequester: db
      .select({ id: tickets.id })
      .from(tickets)
      .innerJoin(users, eq(users.id, tickets.userId))
      .where(
        and(
          inWindow(tickets.id),
          or(and(...words.map((w) => startsWordIn(tickets.subject, w))), like(users.fullname, pattern), like(users.email, pattern)),
        ),
      ),
    byMessage: db
      .selectDistinct({ id: messages.ticketId })
      .from(messages)
      .where(and(inWindow(messages.ticketId), ...words.map((w) => startsWordIn(sql`${messages.body}`, w)))),
  };
}

/**
 * A search for common words is answered from the newest tickets: full text would first list every
 * match (a word in 100,000 messages takes a second to enumerate), while walking the page's own order
 * and checking each ticket finds a page of dense matches among the first few hundred. Returns null when
 * the window holds too few matches (a rarer word: full text is then fast). `total` is exact only when
 * the window covered every ticket of the view; otherwise it is unknown (null).
 */
async function searchRecentWindow(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number) {
  const words = searchWords(query.q);
  if (!words) return null;
  const window = Math.min(SEARCH_WINDOW * query.page, SEARCH_WINDOW_MAX);
  const unsearched = { ...query, q: undefined, page: 1 };
  const newest = (await rangePageIds(actor, unsearched, window - 1, overdueHours)) ?? (await buildQueueQueries(actor, unsearched, window - 1, overdueHours).ids);
  const windowIds = newest.map((row) => row.id);
  const statements = windowMatches(windowIds, query.q!, words);
  const found = await Promise.all([statements.bySubjectOrRequester, statements.byMessage]);
  const matched = new Set(found.flat().map((row) => row.id));
  const ordered = windowIds.filter((id) => matched.has(id));
  const coveredAll = windowIds.length < window;
  if (!coveredAll && ordered.length <= query.page * pageSize) return null;
  return { ids: ordered.slice((query.page - 1) * pageSize, query.page * pageSize + 1), total: coveredAll ? ordered.length : null };
}

/** The statuses a query can return, when it is limited to some. */
function statusesOf(query: QueueQuery): number[] | undefined {
  const byView: Partial<Record<QueueView, number[]>> = {
    active: activeStatuses,
    mine: activeStatuses,
    unassigned: activeStatuses,
    open: [TicketStatus.Open],
    awaiting: [TicketStatus.AwaitingReply],
    "in-progress": [TicketStatus.InProgress],
    answered: [TicketStatus.Answered],
    overdue: [TicketStatus.Open, TicketStatus.AwaitingReply, TicketStatus.InProgress],
    closed: [TicketStatus.Closed],
  };
  const statuses = byView[query.view];
  if (query.status) return statuses ? statuses.filter((s) => s === query.status) : [query.status];
  return statuses;
}

/**
 * The index for the page's ids. Left alone, MariaDB walks the last-update index backwards for
 * `ORDER BY last_update_at DESC LIMIT n` and checks every row: instant when matches are dense, a scan
 * of the million rows when a view is empty or sparse (no unassigned ticket in the agent's departments).
 * A view of tickets not closed reads the range of the few non-closed tickets instead (bounded; then a
 * small sort): by assignee for Mine and Unassigned, by (status, department, update) otherwise.
 */
function indexFor(query: QueueQuery): string | undefined {
  const statuses = statusesOf(query);
  if (!statuses || statuses.some((s) => !activeStatuses.includes(s))) return undefined;
  if (query.view === "mine" || query.view === "unassigned" || query.assignee) return "tickets_assignee_idx";
  return "tickets_queue_idx";
}

/**
 * The page in two steps: the ids of the page's tickets from the tickets table alone (an index read in
 * the sort order, stopping after one row more than the page), then the names (department, requester,
 * assignee, priority) for those ids only. The total is capped (see QUEUE_COUNT_CAP).
 */
function buildQueueQueries(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number) {
  const where = and(staffScope(actor), viewCondition(actor, query.view, overdueHours), ...filterConditions(query), numberSearch(query));
  const forceIndex = indexFor(query);
  const from = () => db.select({ id: tickets.id }).from(tickets, forceIndex ? { forceIndex } : undefined);
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

/** Index entries the ordered ranges of one page may read, at most, before one pass over the view is cheaper. */
const RANGE_READ_BUDGET = 20_000;
/** Beyond this many ranges (hundreds of departments) the statement is too long to be worth it. */
const RANGE_MAX = 256;

/** The departments whose counters a page plans from: the filter's and the agent's; null for all. */
function plannedDepartments(actor: StaffActor, query: QueueQuery): number[] | null {
  if (actor.role === "admin") return query.department ? [query.department] : null;
  return query.department ? actor.departmentIds.filter((id) => id === query.department) : actor.departmentIds;
}

/**
 * The index whose prefix is one group ((assignee,) status, department, or the department alone) and whose
 * next column is the sort's; null for a query with other filters or another sort.
 */
function rangeIndex(query: QueueQuery): string | null {
  if (query.q || query.priority || query.organization || query.createdFrom || query.createdTo || query.updatedFrom || query.updatedTo) return null;
  if (query.view === "mine" || query.view === "unassigned" || query.assignee !== undefined) return query.sort === "updated" ? "tickets_assignee_idx" : null;
  if (query.sort === "updated") return statusesOf(query) ? "tickets_queue_idx" : "tickets_dept_idx";
  return query.sort === "subject" ? "tickets_subject_idx" : null;
}

/**
 * The page's ids as one ordered index range per (status, department) group, merged. MariaDB cannot
 * serve `status IN (…) AND department_id IN (…) ORDER BY x LIMIT n` from an index on (status,
 * department, x): it reads the whole view and sorts it. It serves each `status = s AND department_id =
 * d ORDER BY x LIMIT n` by reading n entries of that index, so the merged page costs at most
 * (offset + page) entries per group, whatever the view's size. The groups and their sizes come from the
 * counters; a deep page over many groups (more reads than RANGE_READ_BUDGET) keeps the single pass in
 * the sort order. Null when the query has a filter or a sort that no such index serves.
 */
function rangePlan(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number, groups: TicketGroup[]): SQL | null {
  const index = rangeIndex(query);
  if (!index) return null;
  const statuses = statusesOf(query);
  const perStatus = index !== "tickets_dept_idx";
  const departments = plannedDepartments(actor, query);
  const ranges = new Map<string, { status?: number; departmentId: number; tickets: number }>();
  for (const group of groups) {
    if ((statuses && !statuses.includes(group.status)) || (departments && !departments.includes(group.departmentId))) continue;
    const key = perStatus ? `${group.status}:${group.departmentId}` : String(group.departmentId);
    const range = ranges.get(key) ?? { status: perStatus ? group.status : undefined, departmentId: group.departmentId, tickets: 0 };
    range.tickets += group.tickets;
    ranges.set(key, range);
  }
  const offset = (query.page - 1) * pageSize;
  const perRange = offset + pageSize + 1;
  const reads = [...ranges.values()].reduce((sum, range) => sum + Math.min(range.tickets, perRange), 0);
  if (ranges.size > RANGE_MAX || reads > RANGE_READ_BUDGET) return null;
  if (ranges.size === 0) return sql`SELECT NULL AS id FROM DUAL WHERE FALSE`;
  const where = and(staffScope(actor), viewCondition(actor, query.view, overdueHours), ...filterConditions(query));
  const sortColumn = query.sort === "subject" ? tickets.subject : tickets.lastUpdateAt;
  const parts = [...ranges.values()].map(
    (range) =>
      sql`(${db
        .select({ id: tickets.id, key: sql`${sortColumn}`.as("sort_key") })
        .from(tickets, { forceIndex: index })
        .where(and(range.status === undefined ? undefined : eq(tickets.status, range.status), eq(tickets.departmentId, range.departmentId), where))
        .orderBy(...ticketOrdering(query.sort, query.dir))
        .limit(perRange)})`,
  );
  const dir = query.dir === "asc" ? sql.raw("ASC") : sql.raw("DESC");
  return sql`SELECT ranges.id AS id FROM (${sql.join(parts, sql` UNION ALL `)}) AS ranges
    ORDER BY ranges.sort_key ${dir}, ranges.id ${dir} LIMIT ${pageSize + 1} OFFSET ${offset}`;
}

/** The page's ids (and one more) from the ordered ranges, or null when the query does not suit them. */
async function rangePageIds(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number): Promise<{ id: number }[] | null> {
  if (!rangeIndex(query)) return null;
  const plan = rangePlan(actor, query, pageSize, overdueHours, await countTicketGroups(plannedDepartments(actor, query)));
  if (!plan) return null;
  const [rows] = (await db.execute(plan)) as unknown as [{ id: number | null }[]];
  return rows.flatMap((row) => (row.id === null ? [] : [{ id: Number(row.id) }]));
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
 * A keyword search's page in one statement: its matches are bounded by the departments, so
 * they drive the join (STRAIGHT_JOIN: left alone, MariaDB walks every ticket of the view in order and
 * probes the matches, seconds for a word with thousands of old matches) and are sorted; enough ids come
 * back to tell the capped total and whether a next page exists.
 */
function searchIds(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number, matches: SQL, limit: number) {
  const where = and(staffScope(actor), viewCondition(actor, query.view, overdueHours), ...filterConditions(query));
  // The join operator, not the SELECT modifier: the modifier would also fix the order inside the
  // matches (every ticket by requester index, then the people).
  return sql`SELECT ${tickets.id} AS id FROM (${matches}) AS matched STRAIGHT_JOIN ${tickets} ON ${tickets.id} = matched.id
    WHERE ${where ?? sql`TRUE`} ORDER BY ${sql.join(ticketOrdering(query.sort, query.dir), sql`, `)} LIMIT ${limit}`;
}

async function listSearch(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours: number, matches: SQL) {
  const offset = (query.page - 1) * pageSize;
  const limit = Math.max(QUEUE_COUNT_CAP + 1, offset + pageSize + 1);
  const [found] = (await db.execute(searchIds(actor, query, pageSize, overdueHours, matches, limit))) as unknown as [{ id: number }[]];
  const ids = found.slice(offset, offset + pageSize).map((row) => Number(row.id));
  const byId = new Map((await pageRows(ids)).map((row) => [row.id, row]));
  // All of them when fewer than the limit came back; else "1,000+" (QUEUE_COUNT_CAP + 1), as other views.
  const exact = found.length < limit;
  const total = exact ? found.length : QUEUE_COUNT_CAP + 1;
  const totalCapped = total > QUEUE_COUNT_CAP;
  return {
    rows: ids.flatMap((id) => byId.get(id) ?? []),
    total,
    totalCapped,
    totalUnknown: false,
    hasNext: found.length > offset + pageSize,
    page: query.page,
    pageCount: totalCapped ? null : Math.max(1, Math.ceil(total / pageSize)),
  };
}

/**
 * One page of the queue. `total` is exact up to QUEUE_COUNT_CAP and QUEUE_COUNT_CAP + 1 above it
 * (`totalCapped`); `pageCount` is then unknown (null) and `hasNext` says whether a next page exists.
 */
export async function listQueue(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours = 72) {
  const recent = await searchRecentWindow(actor, query, pageSize, overdueHours);
  if (recent) {
    const ids = recent.ids.slice(0, pageSize);
    const byId = new Map((await pageRows(ids)).map((row) => [row.id, row]));
    const known = recent.total !== null;
    return {
      rows: ids.flatMap((id) => byId.get(id) ?? []),
      total: recent.total ?? 0,
      totalCapped: false,
      totalUnknown: !known,
      hasNext: recent.ids.length > pageSize,
      page: query.page,
      pageCount: known ? Math.max(1, Math.ceil(recent.total! / pageSize)) : null,
    };
  }
  const matches = await keywordMatches(actor, query);
  if (matches) return listSearch(actor, query, pageSize, overdueHours, matches);
  const built = buildQueueQueries(actor, query, pageSize, overdueHours);
  const [idRows, [total] = []] = await Promise.all([rangePageIds(actor, query, pageSize, overdueHours).then((ids) => ids ?? built.ids), built.total]);
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
    totalUnknown: false,
    hasNext,
    page: query.page,
    pageCount: totalCapped ? null : Math.max(1, Math.ceil(totalRows / pageSize)),
  };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];

/** The departments an actor's view counts cover; null for all. */
const countedDepartments = (actor: StaffActor) => (actor.role === "admin" ? null : actor.departmentIds);

/**
 * The statements behind the view counts: the per-status counts (Closed and All too, exactly) are sums of
 * the counters; Mine and Unassigned are ranges of the assignee index. Overdue is the counters' waiting
 * tickets less those that moved within the overdue hours: one tight range of the queue index per
 * (status, department), as long as the recent activity. Counting the overdue ones themselves read
 * every waiting ticket (no department in the condition: the whole status ranges).
 */
function buildViewCountQueries(actor: StaffActor, overdueHours: number, groups: TicketGroup[]) {
  const scope = staffScope(actor);
  const countOf = (where: SQL | undefined) => db.select({ value: count() }).from(tickets).where(where);
  const waitingDepartments = [...new Set(groups.filter((g) => waitingStatuses.includes(g.status)).map((g) => g.departmentId))];
  return {
    mine: countOf(and(scope, eq(tickets.assignedStaffId, actor.id), notClosed)),
    unassigned: countOf(and(scope, isNull(tickets.assignedStaffId), notClosed)),
    recentlyWaiting: db
      .select({ value: count() })
      .from(tickets, { forceIndex: "tickets_queue_idx" })
      .where(
        and(
          inArray(tickets.status, waitingStatuses),
          inArray(tickets.departmentId, waitingDepartments.length ? waitingDepartments : [0]),
          gte(tickets.lastUpdateAt, overdueSince(overdueHours)),
        ),
      ),
  };
}

/** The SQL statements one queue page runs (for the bench's EXPLAIN), without running them. */
export async function queueStatements(actor: StaffActor, query: QueueQuery, pageSize: number, overdueHours = 72) {
  const matches = await keywordMatches(actor, query);
  const groups = await countTicketGroups(countedDepartments(actor));
  const counts = { groups: ticketGroupsQuery(countedDepartments(actor)), ...buildViewCountQueries(actor, overdueHours, groups) };
  const countStatements = Object.entries(counts).map(([name, statement]) => ({ name: `view count: ${name}`, ...statement.toSQL() }));
  const dialect = new MySqlDialect();
  if (matches) {
    const page = dialect.sqlToQuery(searchIds(actor, query, pageSize, overdueHours, matches, QUEUE_COUNT_CAP + 1));
    return [
      ...searchWindowStatements(actor, query, overdueHours),
      { name: "keyword search: sorted ids (page and capped total)", sql: page.sql, params: page.params },
      { name: "page rows (names for the page's ids)", ...pageRows([1, 2, 3]).toSQL() },
      ...countStatements,
    ];
  }
  const plan = query.q ? null : rangePlan(actor, query, pageSize, overdueHours, await countTicketGroups(plannedDepartments(actor, query)));
  const built = buildQueueQueries(actor, query, pageSize, overdueHours);
  return [
    ...(plan ? [{ name: "page ids (ordered ranges per group, merged)", ...dialect.sqlToQuery(plan) }] : [{ name: "page ids", ...built.ids.toSQL() }]),
    { name: "page rows (names for the page's ids)", ...pageRows([1, 2, 3]).toSQL() },
    { name: "total (capped)", ...built.total.toSQL() },
    ...countStatements,
  ];
}

function searchWindowStatements(actor: StaffActor, query: QueueQuery, overdueHours: number) {
  const words = searchWords(query.q);
  if (!words) return [];
  return [
    { name: "search window: newest ids", ...buildQueueQueries(actor, { ...query, q: undefined, page: 1 }, SEARCH_WINDOW - 1, overdueHours).ids.toSQL() },
    { name: "search window: subject or requester matches", ...windowMatches([1, 2, 3], query.q!, words).bySubjectOrRequester.toSQL() },
    { name: "search window: message matches", ...windowMatches([1, 2, 3], query.q!, words).byMessage.toSQL() },
  ];
}

/** The exact number of tickets in each view the agent may see (see buildViewCountQueries). */
export async function countQueueViews(actor: StaffActor, overdueHours: number): Promise<Record<QueueView, number>> {
  const groups = await countTicketGroups(countedDepartments(actor));
  const q = buildViewCountQueries(actor, overdueHours, groups);
  const [[mine], [unassigned], [recentlyWaiting]] = await Promise.all([q.mine, q.unassigned, q.recentlyWaiting]);
  const inStatuses = (codes: number[]) => groups.reduce((sum, group) => sum + (codes.includes(group.status) ? group.tickets : 0), 0);
  const status = (code: number) => inStatuses([code]);
  const s = TicketStatus;
  const n = (row: { value: number } | undefined) => Number(row?.value ?? 0);
  const all = groups.reduce((sum, group) => sum + group.tickets, 0);
  return {
    all,
    active: all - status(s.Closed),
    mine: n(mine),
    unassigned: n(unassigned),
    open: status(s.Open),
    awaiting: status(s.AwaitingReply),
    "in-progress": status(s.InProgress),
    answered: status(s.Answered),
    // The counters and the range are read a moment apart: never below zero.
    overdue: Math.max(0, inStatuses(waitingStatuses) - n(recentlyWaiting)),
    closed: status(s.Closed),
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
