import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { env } from "@/lib/env";
import { retryingDeadlocks } from "./deadlock";
import * as schema from "./schema";

export type Database = MySql2Database<typeof schema>;

/** How every pool of the app connects (db/batch.ts opens the second one), with `extra` on top. */
export function createAppPool(extra: mysql.PoolOptions = {}) {
  const pool = mysql.createPool({
    uri: env.DATABASE_URL,
    connectionLimit: env.DATABASE_POOL_SIZE,
    // No stack capture on every query (mysql2 traces by default): a measurable share of the CPU of a busy API.
    trace: false,
    // Dates travel as UTC both ways, whatever the server's own time zone.
    timezone: "Z",
    supportBigNumbers: true,
    charset: "utf8mb4_unicode_ci",
    ...extra,
  });
  pool.pool.on("connection", (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  return pool;
}

type PooledConnection = { stream?: { ref(): void; unref(): void } };

/**
 * A pool whose idle connections do not keep the process alive, so a script that ends the app's main pool
 * still exits with this one open. maxIdle must equal connectionLimit: mysql2 then runs no idle-reaping
 * timer, which would keep the process alive too.
 */
export function idleWithoutHoldingProcess(pool: mysql.Pool): mysql.Pool {
  pool.pool.on("acquire", (connection) => (connection as unknown as PooledConnection).stream?.ref());
  pool.pool.on("release", (connection) => (connection as unknown as PooledConnection).stream?.unref());
  return pool;
}

// One pool per process, whichever copy of this module asks first: in dev, hot reload would otherwise open
// a new pool on every edit, and in production the token API (served by scripts/server.ts) shares it with
// the Next bundle's copy.
const globalForDb = globalThis as unknown as { helpdeckPool?: mysql.Pool };
export const pool = (globalForDb.helpdeckPool ??= createAppPool());

/**
 * Transactions are retried when InnoDB picks them as a deadlock's victim: it has rolled the whole
 * transaction back, and running it again is what the server asks for. Concurrent writers can deadlock on
 * rows they all touch (the trigger-kept counters and search index), and that must cost them a retry,
 * not an error. Transaction bodies only write to the database (files are stored before they start), so a
 * second run is safe.
 */
function retryTransactionsOnDeadlock(database: Database): Database {
  const run = database.transaction.bind(database);
  database.transaction = ((work, config) => retryingDeadlocks(() => run(work, config))) as Database["transaction"];
  return database;
}

export const db: Database = retryTransactionsOnDeadlock(drizzle(pool, { schema, mode: "default" }));

/** A transaction handle or the database itself: domain functions accept either. */
export type Tx = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];
