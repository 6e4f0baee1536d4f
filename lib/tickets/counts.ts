import { and, eq, inArray, sql, sum } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { ticketCounts } from "@/db/schema";

/**
 * Exact ticket counts from the counters that triggers on `tickets` keep (db/schema/tickets.ts,
 * migration 0009): a sum over at most a few hundred small rows instead of a COUNT(*) over the table.
 */
export async function countTickets(filter: { status?: number; departmentId?: number }, tx: Tx = db): Promise<number> {
  const [row] = await tx
    .select({ value: sum(ticketCounts.tickets) })
    .from(ticketCounts)
    .where(
      and(
        filter.status ? eq(ticketCounts.status, filter.status) : undefined,
        filter.departmentId ? eq(ticketCounts.departmentId, filter.departmentId) : undefined,
      ),
    );
  return Number(row?.value ?? 0);
}

/** Ids per counter block (the triggers use `id DIV 4096`). */
export const TICKET_ID_BLOCK = 4096;

/**
 * Counts recomputed from the tickets table itself, grouped like the counters (for tests and checks).
 */
export async function countTicketsFromTable(tx: Tx = db) {
  const [rows] = (await tx.execute(
    sql`SELECT department_id AS departmentId, status, COUNT(*) AS n FROM tickets GROUP BY department_id, status`,
  )) as unknown as [{ departmentId: number; status: number; n: number }[]];
  return rows.map((r) => ({ departmentId: Number(r.departmentId), status: Number(r.status), tickets: Number(r.n) }));
}

/** The counters, summed over slots, without empty groups, in the same shape as countTicketsFromTable. */
export async function countTicketsFromCounters(tx: Tx = db) {
  const rows = await tx
    .select({ departmentId: ticketCounts.departmentId, status: ticketCounts.status, tickets: sum(ticketCounts.tickets) })
    .from(ticketCounts)
    .groupBy(ticketCounts.departmentId, ticketCounts.status);
  return rows
    .map((r) => ({ departmentId: r.departmentId, status: r.status, tickets: Number(r.tickets ?? 0) }))
    .filter((r) => r.tickets !== 0);
}

/** The statement behind countTicketGroups (no department: none, as an agent without departments sees). */
export const ticketGroupsQuery = (departmentIds: number[] | null, tx: Tx = db) =>
  tx
    .select({ departmentId: ticketCounts.departmentId, status: ticketCounts.status, tickets: sum(ticketCounts.tickets) })
    .from(ticketCounts)
    .where(departmentIds ? inArray(ticketCounts.departmentId, departmentIds.length ? departmentIds : [0]) : undefined)
    .groupBy(ticketCounts.departmentId, ticketCounts.status);

export type TicketGroup = { departmentId: number; status: number; tickets: number };

/**
 * The non-empty (department, status) groups with their exact sizes, from the counters: within these
 * departments, or all of them (null). The queue counts its views and plans its page reads from them.
 */
export async function countTicketGroups(departmentIds: number[] | null, tx: Tx = db): Promise<TicketGroup[]> {
  const rows = await ticketGroupsQuery(departmentIds, tx);
  return rows
    .map((r) => ({ departmentId: r.departmentId, status: r.status, tickets: Number(r.tickets ?? 0) }))
    .filter((r) => r.tickets > 0);
}
