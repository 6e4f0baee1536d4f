// Writes mapped rows into the Helpdeck database: multi-row upserts keyed by primary key, so a re-run
// (or a run resumed after a crash) updates what is there instead of duplicating it.
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { MySqlColumn, MySqlTable } from "drizzle-orm/mysql-core";
import mysql from "mysql2/promise";
import { db, type Tx } from "@/db";

/**
 * INSERT … ON DUPLICATE KEY UPDATE every given column from the new row, except `keep` (columns the
 * target owns once the row exists, such as a ticket's public token).
 *
 * The statement is built from drizzle's table metadata (column names, and each column's own conversion
 * of dates and JSON) and mysql2's escaping, rather than drizzle's query builder: for hundreds of
 * thousands of rows the builder's per-value objects cost more CPU than the database's work.
 */
export async function upsertRows<T extends MySqlTable>(
  tx: Tx,
  table: T,
  rows: T["$inferInsert"][],
  keep: string[] = [],
) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, MySqlColumn>;
  const keys: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (columns[key] && !keys.includes(key)) keys.push(key);
  const names = keys.map((key) => `\`${columns[key]!.name}\``);
  const values = rows.map((row) =>
    keys.map((key) => {
      const value = (row as Record<string, unknown>)[key];
      // A key a row leaves out takes the column's default (rows of one batch may differ, e.g. SMTP fields).
      if (value === undefined) return DEFAULT;
      return value === null ? null : columns[key]!.mapToDriverValue(value);
    }),
  );
  const updates = keys
    .filter((key) => !keep.includes(key) && !columns[key]!.primary)
    .map((key) => `\`${columns[key]!.name}\` = VALUES(\`${columns[key]!.name}\`)`);
  // A table whose columns are all key columns still needs a no-op update to ignore duplicates.
  if (updates.length === 0) updates.push(`${names[0]} = ${names[0]}`);
  const statement = mysql.format(
    `INSERT INTO \`${getTableName(table)}\` (${names.join(", ")}) VALUES ? ON DUPLICATE KEY UPDATE ${updates.join(", ")}`,
    // mysql2 expands a list of lists into (…), (…); its types only list flat values.
    [values] as unknown as Parameters<typeof mysql.format>[1],
  );
  await tx.execute(sql.raw(statement));
}

/** mysql2 writes objects with toSqlString() verbatim: the DEFAULT keyword for a value left out. */
const DEFAULT = { toSqlString: () => "DEFAULT" };

/** Runs one batch's writes in one transaction (skipped in a dry run): a crash loses at most that batch. */
export async function inBatch(dryRun: boolean, work: (tx: Tx) => Promise<void>) {
  if (dryRun) return;
  await db.transaction(async (tx) => work(tx));
}
