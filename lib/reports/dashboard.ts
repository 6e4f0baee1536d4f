import { and, count, gte, inArray, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { departments, staff, tickets } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { staffScope } from "../tickets/queries";
import { TicketStatus } from "../tickets/status";

// Every figure is one GROUP BY (or window) query over an index, scoped to the agent's departments: the
// dashboard never loads tickets, so it costs the same at 1,000 or 1,000,000 of them.

export const DASHBOARD_DAYS = 30;

/** "YYYY-MM-DD" of a UTC date. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Midnight UTC at the start of the window: today and the 29 days before it. */
export function windowStart(now: Date, days = DASHBOARD_DAYS) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start;
}

/** Tickets not closed, by status and department (tickets_queue_idx answers it alone). */
export async function countOpenTickets(actor: StaffActor) {
  const rows = await db
    .select({ status: tickets.status, departmentId: tickets.departmentId, count: count() })
    .from(tickets)
    .where(and(ne(tickets.status, TicketStatus.Closed), staffScope(actor)))
    .groupBy(tickets.status, tickets.departmentId);
  const departmentIds = [...new Set(rows.map((r) => r.departmentId))];
  const names = departmentIds.length
    ? await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds))
    : [];
  const nameOf = new Map(names.map((d) => [d.id, d.name]));
  return rows.map((row) => ({ ...row, departmentName: nameOf.get(row.departmentId) ?? `Department ${row.departmentId}` }));
}

export type OpenTicketCount = Awaited<ReturnType<typeof countOpenTickets>>[number];

/** New and closed tickets per UTC day over the window, every day present (zero when quiet), oldest first. */
export async function countDailyFlow(actor: StaffActor, now = new Date(), days = DASHBOARD_DAYS) {
  const start = windowStart(now, days);
  const createdDay = sql<string>`DATE_FORMAT(${tickets.createdAt}, '%Y-%m-%d')`;
  const closedDay = sql<string>`DATE_FORMAT(${tickets.closedAt}, '%Y-%m-%d')`;
  const [created, closed] = await Promise.all([
    db
      .select({ day: createdDay, count: count() })
      .from(tickets)
      .where(and(gte(tickets.createdAt, start), staffScope(actor)))
      .groupBy(createdDay),
    db
      .select({ day: closedDay, count: count() })
      .from(tickets)
      .where(and(gte(tickets.closedAt, start), staffScope(actor)))
      .groupBy(closedDay),
  ]);
  const createdOn = new Map(created.map((r) => [r.day, r.count]));
  const closedOn = new Map(closed.map((r) => [r.day, r.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = isoDay(new Date(start.getTime() + i * 86_400_000));
    return { day, created: createdOn.get(day) ?? 0, closed: closedOn.get(day) ?? 0 };
  });
}

export type DailyFlow = Awaited<ReturnType<typeof countDailyFlow>>;

type MedianRow = { staffId: number | null; median: number | null; tickets: number; overallMedian: number | null; overallTickets: number };

/**
 * Median of a duration in seconds, overall and per assignee, in one pass: MariaDB's MEDIAN() is a
 * window function, so each row carries its partition's median and DISTINCT folds them to one row per
 * assignee. The window is bounded by date, so the rows read stay those of the last days only.
 */
async function medianSeconds(seconds: SQL, where: SQL | undefined): Promise<MedianRow[]> {
  const rows = await db
    .selectDistinct({
      staffId: tickets.assignedStaffId,
      median: sql<string | null>`MEDIAN(${seconds}) OVER (PARTITION BY ${tickets.assignedStaffId})`,
      tickets: sql<string>`COUNT(*) OVER (PARTITION BY ${tickets.assignedStaffId})`,
      overallMedian: sql<string | null>`MEDIAN(${seconds}) OVER ()`,
      overallTickets: sql<string>`COUNT(*) OVER ()`,
    })
    .from(tickets)
    .where(where);
  return rows.map((r) => ({
    staffId: r.staffId,
    median: r.median === null ? null : Number(r.median),
    tickets: Number(r.tickets),
    overallMedian: r.overallMedian === null ? null : Number(r.overallMedian),
    overallTickets: Number(r.overallTickets),
  }));
}

/**
 * Median first-response time (tickets opened in the window that got a staff reply) and median
 * resolution time (tickets closed in the window), overall and per assigned agent, in seconds.
 */
export async function measureResponseTimes(actor: StaffActor, now = new Date(), days = DASHBOARD_DAYS) {
  const start = windowStart(now, days);
  const [firstResponse, resolution] = await Promise.all([
    medianSeconds(
      sql`TIMESTAMPDIFF(SECOND, ${tickets.createdAt}, ${tickets.firstResponseAt})`,
      and(gte(tickets.createdAt, start), isNotNull(tickets.firstResponseAt), staffScope(actor)),
    ),
    medianSeconds(sql`TIMESTAMPDIFF(SECOND, ${tickets.createdAt}, ${tickets.closedAt})`, and(gte(tickets.closedAt, start), staffScope(actor))),
  ]);
  const staffIds = [...new Set([...firstResponse, ...resolution].map((r) => r.staffId).filter((id): id is number => id !== null))];
  const names = staffIds.length ? await db.select({ id: staff.id, fullname: staff.fullname }).from(staff).where(inArray(staff.id, staffIds)) : [];
  const nameOf = new Map(names.map((s) => [s.id, s.fullname]));

  const agentIds = [...new Set([...firstResponse, ...resolution].map((r) => r.staffId))];
  const perAgent = agentIds
    .map((staffId) => {
      const response = firstResponse.find((r) => r.staffId === staffId);
      const resolved = resolution.find((r) => r.staffId === staffId);
      return {
        staffId,
        name: staffId === null ? "Unassigned" : (nameOf.get(staffId) ?? `Staff ${staffId}`),
        firstResponseSeconds: response?.median ?? null,
        respondedTickets: response?.tickets ?? 0,
        resolutionSeconds: resolved?.median ?? null,
        resolvedTickets: resolved?.tickets ?? 0,
      };
    })
    // Named agents alphabetically, the unassigned bucket last.
    .sort((a, b) => (a.staffId === null ? 1 : b.staffId === null ? -1 : a.name.localeCompare(b.name)));
  return {
    since: isoDay(start),
    overall: {
      firstResponseSeconds: firstResponse[0]?.overallMedian ?? null,
      respondedTickets: firstResponse[0]?.overallTickets ?? 0,
      resolutionSeconds: resolution[0]?.overallMedian ?? null,
      resolvedTickets: resolution[0]?.overallTickets ?? 0,
    },
    perAgent,
  };
}

export type ResponseTimes = Awaited<ReturnType<typeof measureResponseTimes>>;
