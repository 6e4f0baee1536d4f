// Writes mapped rows into the Helpdeck database: multi-row upserts keyed by primary key, so a re-run
// (or a run resumed after a crash) updates what is there instead of duplicating it.
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import { db, type Tx } from "@/db";

/**
 * INSERT … ON DUPLICATE KEY UPDATE every given column from the new row, except `keep` (columns the
 * target owns once the row exists, such as a ticket's public token).
 */
export async function upsertRows<T extends MySqlTable>(
  tx: Tx,
  table: T,
  rows: T["$inferInsert"][],
  keep: string[] = [],
) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string; primary: boolean }>;
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const set: Record<string, SQL> = {};
  for (const key of keys) {
    const column = columns[key];
    if (!column || keep.includes(key) || column.primary) continue;
    set[key] = sql.raw(`VALUES(\`${column.name}\`)`);
  }
  // A table whose columns are all key columns still needs a no-op update to ignore duplicates.
  if (Object.keys(set).length === 0) {
    const first = Object.keys(columns)[0]!;
    set[first] = sql.raw(`\`${columns[first]!.name}\``);
  }
  // drizzle's set type is per table; the keys above are the table's own columns.
  await tx
    .insert(table)
    .values(rows)
    .onDuplicateKeyUpdate({ set: set as never });
}

/** Runs one batch's writes in one transaction (skipped in a dry run): a crash loses at most that batch. */
export async function inBatch(dryRun: boolean, work: (tx: Tx) => Promise<void>) {
  if (dryRun) return;
  await db.transaction(async (tx) => work(tx));
}
