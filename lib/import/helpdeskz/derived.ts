// Columns Helpdeck maintains as tickets change (reply count, last replier, first response), recomputed
// from the imported messages; and AUTO_INCREMENT counters above the kept ids.
import { sql } from "drizzle-orm";
import { db } from "@/db";

/** Recomputes ticket counters a range of ids at a time, so no statement locks the whole table for long. */
export async function recomputeTicketCounters(rangeSize: number) {
  const [bounds] = (await db.execute(sql`SELECT MIN(id) AS lo, MAX(id) AS hi FROM tickets`)) as unknown as [
    { lo: number | null; hi: number | null }[],
  ];
  const lo = Number(bounds[0]?.lo ?? 0);
  const hi = Number(bounds[0]?.hi ?? 0);
  if (!hi) return;
  for (let from = lo; from <= hi; from += rangeSize) {
    const to = from + rangeSize - 1;
    // replies: public messages after the opening one (HelpDeskZ's count); the last replier from the
    // newest public message; the first response is the first staff reply after the opening message.
    await db.execute(sql`
      UPDATE tickets t
      JOIN (
        SELECT ticket_id, COUNT(*) AS n, MIN(id) AS first_id, MAX(id) AS last_id
        FROM messages WHERE is_note = 0 AND ticket_id BETWEEN ${from} AND ${to} GROUP BY ticket_id
      ) s ON s.ticket_id = t.id
      JOIN messages last ON last.id = s.last_id
      SET t.replies = s.n - 1,
          t.last_replier_type = IF(last.author_type = 'user', 'user', 'staff'),
          t.last_replier_staff_id = IF(last.author_type = 'user', NULL, last.staff_id),
          t.first_response_at = (
            SELECT MIN(r.created_at) FROM messages r
            WHERE r.ticket_id = t.id AND r.is_note = 0 AND r.author_type = 'staff' AND r.id > s.first_id
          )
      WHERE t.id BETWEEN ${from} AND ${to}`);
  }
}

const keptIdTables = [
  "departments",
  "priorities",
  "staff",
  "users",
  "custom_fields",
  "tickets",
  "messages",
  "attachments",
  "canned_responses",
  "kb_categories",
  "kb_articles",
  "kb_attachments",
  "email_addresses",
  "api_keys",
];

/**
 * InnoDB moves AUTO_INCREMENT past explicit ids on insert; this makes sure of it (the counter can lag
 * after a server restart on older MySQL), so the next ticket created here gets a new id.
 */
export async function raiseAutoIncrements(): Promise<string[]> {
  const problems: string[] = [];
  for (const table of keptIdTables) {
    const [rows] = (await db.execute(
      sql.raw(
        `SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM \`${table}\`) AS next, (SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}') AS counter`,
      ),
    )) as unknown as [{ next: number; counter: number | null }[]];
    const next = Number(rows[0]?.next ?? 1);
    if (Number(rows[0]?.counter ?? 0) >= next) continue;
    try {
      await db.execute(sql.raw(`ALTER TABLE \`${table}\` AUTO_INCREMENT = ${next}`));
    } catch (error) {
      // Without ALTER rights the data is still complete; the next insert moves the counter anyway.
      problems.push(`${table}: AUTO_INCREMENT not raised to ${next} (${error instanceof Error ? error.message : error})`);
    }
  }
  return problems;
}
