import type { RowDataPacket } from "mysql2";
import { pool } from "@/db";
import { TICKET_ID_BLOCK } from "../tickets/counts";

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

export type TicketWindow = {
  filter?: { status?: number; userId?: number; departmentId?: number };
  fromId?: number;
  offset: number;
  limit: number;
};

/**
 * Tickets in id order by OFFSET, as HelpDeskZ pages: `limit` tickets after `offset` of those matching
 * the filter (with id ≥ `fromId`). The deferred join takes the page's ids from the tickets table alone
 * (an index walk), then joins only those rows: joining first sorts the whole join in a temporary table.
 */
export async function selectApiTicketWindow(window: TicketWindow): Promise<ApiTicket[]> {
  const { status, userId, departmentId } = window.filter ?? {};
  const conditions = [
    status ? `status = ${int(status)}` : null,
    userId ? `user_id = ${int(userId)}` : null,
    departmentId ? `department_id = ${int(departmentId)}` : null,
    window.fromId === undefined ? null : `id >= ${int(window.fromId)}`,
  ].filter(Boolean);
  const rows = await selectRows(
    `SELECT ${apiTicketColumns} FROM (
      SELECT id FROM tickets ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
      ORDER BY id LIMIT ${int(window.limit)} OFFSET ${int(window.offset)}
    ) page JOIN tickets t ON t.id = page.id ${withPeople} ORDER BY t.id`,
  );
  return rows.map((row) => toApiTicket(row, 0));
}

/**
 * An unfiltered page and the total in one statement, when the page can be found without walking
 * rows; null otherwise (the caller then locates it by OFFSET).
 *
 * The id blocks' counters (lib/tickets/counts.ts) give the total and the block holding the ticket at
 * `offset`, with the number of tickets before that block. When the block holds every id of its span
 * (its count equals the span between its first possible id and the highest id there is), the ticket at
 * `offset` is the block's first id plus the tickets to skip in it: the page is then a range of ids read
 * through the primary key, with no OFFSET walk over up to 4,096 rows. The range holds `limit`
 * consecutive ids; when it returns fewer tickets than the page must have (a gap further on), the answer
 * is null. Counters and rows are read in one statement, hence from one snapshot.
 *
 * The join reads `tickets` per row of the one-row located block ("range checked for each record"):
 * STRAIGHT_JOIN keeps that order, and an inner join is required, as MariaDB does not range-check the
 * inner side of an outer join. So an empty answer carries no total either: null as well.
 */
export async function selectDenseApiTicketPage(offset: number, limit: number): Promise<{ total: number; rows: ApiTicket[] } | null> {
  const first = `GREATEST(l.block * ${TICKET_ID_BLOCK}, 1)`;
  const start = `${first} + ${int(offset)} - l.before_block`;
  const rows = await selectRows(
    `SELECT STRAIGHT_JOIN l.total, ${apiTicketColumns}
    FROM (
      SELECT total, block, n, running - n AS before_block, (SELECT MAX(id) FROM tickets) AS max_id
      FROM (
        SELECT block, SUM(tickets) AS n, SUM(SUM(tickets)) OVER (ORDER BY block) AS running, SUM(SUM(tickets)) OVER () AS total
        FROM ticket_id_blocks GROUP BY block
      ) blocks
      WHERE running > ${int(offset)} ORDER BY block LIMIT 1
    ) l
    JOIN tickets t ON l.n = LEAST(l.block * ${TICKET_ID_BLOCK} + ${TICKET_ID_BLOCK - 1}, l.max_id) - ${first} + 1
      AND t.id BETWEEN ${start} AND ${start} + ${int(limit - 1)}
    ${withPeople}
    ORDER BY t.id`,
  );
  if (rows.length === 0) return null;
  const total = Number(rows[0]![0]);
  if (rows.length !== Math.min(limit, total - offset)) return null;
  return { total, rows: rows.map((row) => toApiTicket(row, 1)) };
}
