import type { RowDataPacket } from "mysql2";
import { pool } from "@/db";
import { countTickets, TICKET_ID_BLOCK } from "../tickets/counts";

/**
 * Ticket reads of the token API in plain SQL on the pool: the list is its hottest request, and the
 * rows come out of the database already in HelpDeskZ's shape, so nothing maps them row by row.
 */

/** A ticket as HelpDeskZ's API returns it: every value a string, dates in Unix seconds. */
export type ApiTicket = {
  id: string;
  user_id: string;
  department_id: string;
  subject: string;
  date: string;
  last_update: string;
  status: string;
  replies: string;
  user_fullname: string;
  department_name: string;
};

/**
 * The columns of ApiTicket in its key order, from `tickets t`, `users u` and `departments d`. Dates are
 * seconds since 1970 in the pool's session time zone, UTC (db/index.ts), as the stored dates are.
 */
const apiTicketColumns = `CAST(t.id AS CHAR), CAST(t.user_id AS CHAR), CAST(t.department_id AS CHAR), t.subject,
  CAST(TIMESTAMPDIFF(SECOND, '1970-01-01', t.created_at) AS CHAR), CAST(TIMESTAMPDIFF(SECOND, '1970-01-01', t.last_update_at) AS CHAR),
  CAST(t.status AS CHAR), CAST(t.replies AS CHAR), u.fullname, d.name`;

const withPeople = "JOIN users u ON u.id = t.user_id JOIN departments d ON d.id = t.department_id";

type Cell = string | number | null;

function toApiTicket(row: Cell[], at: number): ApiTicket {
  return {
    id: row[at] as string,
    user_id: row[at + 1] as string,
    department_id: row[at + 2] as string,
    subject: row[at + 3] as string,
    date: row[at + 4] as string,
    last_update: row[at + 5] as string,
    status: row[at + 6] as string,
    replies: row[at + 7] as string,
    user_fullname: row[at + 8] as string,
    department_name: row[at + 9] as string,
  };
}

/**
 * A whole number written into SQL text. Statements inline their numbers instead of sending `?`
 * placeholders: the client would rescan the statement for them on every request.
 */
function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer for SQL: ${value}`);
  return String(value);
}

async function selectRows(sql: string): Promise<Cell[][]> {
  const [rows] = await pool.query<RowDataPacket[]>({ sql, rowsAsArray: true });
  return rows as unknown as Cell[][];
}

export async function selectApiTicket(id: number): Promise<ApiTicket | null> {
  const [row] = await selectRows(`SELECT ${apiTicketColumns} FROM tickets t ${withPeople} WHERE t.id = ${int(id)}`);
  return row ? toApiTicket(row, 0) : null;
}

export type TicketFilter = { status?: number; userId?: number; departmentId?: number };

/** The page's tickets, given a derived table `page` of their ids (SQL), in id order. */
async function selectPage(pageIds: string): Promise<ApiTicket[]> {
  const rows = await selectRows(`SELECT ${apiTicketColumns} FROM (${pageIds}) page JOIN tickets t ON t.id = page.id ${withPeople} ORDER BY t.id`);
  return rows.map((row) => toApiTicket(row, 0));
}

/**
 * Tickets in id order by OFFSET, as HelpDeskZ pages: `limit` tickets after `offset` of those matching
 * the filter. The deferred join takes the page's ids from the tickets table alone (an index walk), then
 * joins only those rows: joining first sorts the whole join in a temporary table.
 */
export function selectFilteredApiTickets(filter: TicketFilter, offset: number, limit: number): Promise<ApiTicket[]> {
  const conditions = [
    filter.status ? `status = ${int(filter.status)}` : null,
    filter.userId ? `user_id = ${int(filter.userId)}` : null,
    filter.departmentId ? `department_id = ${int(filter.departmentId)}` : null,
  ].filter(Boolean);
  return selectPage(
    `SELECT id FROM tickets ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""} ORDER BY id LIMIT ${int(limit)} OFFSET ${int(offset)}`,
  );
}

/** The id block holding a page's first ticket, from the counters. */
type LocatedBlock = { block: number; tickets: number; before: number };

/**
 * `limit` tickets from the one `skip` tickets into an id block with gaps, walking the block's ids from
 * whichever end is nearer (at most half a block) instead of always from its start.
 */
function selectWithinBlock({ block, tickets, before }: LocatedBlock, offset: number, limit: number): Promise<ApiTicket[]> {
  const first = block * TICKET_ID_BLOCK;
  const last = first + TICKET_ID_BLOCK - 1;
  const skip = offset - before;
  const fromSkipToEnd = tickets - skip;
  if (skip <= fromSkipToEnd) {
    return selectPage(`SELECT id FROM tickets WHERE id >= ${int(first)} ORDER BY id LIMIT ${int(limit)} OFFSET ${int(skip)}`);
  }
  // From the block's end: its tickets of the page, then the first ones after it (no walk there).
  const inBlock = `(SELECT id FROM tickets WHERE id BETWEEN ${int(first)} AND ${int(last)}
    ORDER BY id DESC LIMIT ${int(Math.min(limit, fromSkipToEnd))} OFFSET ${int(Math.max(0, fromSkipToEnd - limit))})`;
  const after = `(SELECT id FROM tickets WHERE id > ${int(last)} ORDER BY id LIMIT ${int(limit - fromSkipToEnd)})`;
  return selectPage(limit > fromSkipToEnd ? `${inBlock} UNION ALL ${after}` : inBlock);
}

/**
 * An unfiltered page in id order (as OFFSET gives it) and the exact total, mostly in one statement.
 *
 * The id blocks' counters (lib/tickets/counts.ts) give the total and the block holding the ticket at
 * `offset`, with the number of tickets before that block. When the block holds every id of its span
 * (its count equals the span between its first possible id and the highest id there is), the ticket at
 * `offset` is the block's first id plus the tickets to skip in it: the page is then a range of ids read
 * through the primary key, with no OFFSET walk, and counters and rows come from one snapshot. When
 * the block has gaps, the statement returns the located block with one ticket (the last one; an inner
 * join needs a row to carry it) and a second statement walks the block (selectWithinBlock). So does
 * a whole block whose page runs into a gap further on (fewer tickets than the page must have).
 *
 * The join reads `tickets` per row of the one-row located block ("range checked for each record"):
 * STRAIGHT_JOIN keeps that order, and the join must be inner, as MariaDB does not range-check the inner
 * side of an outer join. Past the last ticket nothing is located: the total is read alone.
 */
export async function selectUnfilteredApiTickets(offset: number, limit: number): Promise<{ total: number; rows: ApiTicket[] }> {
  const start = `GREATEST(l.block * ${TICKET_ID_BLOCK}, 1) + ${int(offset)} - l.before_block`;
  const rows = await selectRows(
    `SELECT STRAIGHT_JOIN l.total, l.block, l.n, l.before_block, l.whole, ${apiTicketColumns}
    FROM (
      SELECT located.*, n = LEAST(block * ${TICKET_ID_BLOCK} + ${TICKET_ID_BLOCK - 1}, max_id) - GREATEST(block * ${TICKET_ID_BLOCK}, 1) + 1 AS whole
      FROM (
        SELECT total, block, n, running - n AS before_block, (SELECT MAX(id) FROM tickets) AS max_id
        FROM (
          SELECT block, SUM(tickets) AS n, SUM(SUM(tickets)) OVER (ORDER BY block) AS running, SUM(SUM(tickets)) OVER () AS total
          FROM ticket_id_blocks GROUP BY block
        ) blocks
        WHERE running > ${int(offset)} ORDER BY block LIMIT 1
      ) located
    ) l
    JOIN tickets t ON t.id BETWEEN IF(l.whole, ${start}, l.max_id) AND IF(l.whole, ${start} + ${int(limit - 1)}, l.max_id)
    ${withPeople}
    ORDER BY t.id`,
  );
  const [head] = rows;
  if (!head) return { total: await countTickets({}), rows: [] };
  const total = Number(head[0]);
  if (Number(head[4]) === 1 && rows.length === Math.min(limit, total - offset)) {
    return { total, rows: rows.map((row) => toApiTicket(row, 5)) };
  }
  const located = { block: Number(head[1]), tickets: Number(head[2]), before: Number(head[3]) };
  return { total, rows: await selectWithinBlock(located, offset, limit) };
}
