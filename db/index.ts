import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = MySql2Database<typeof schema>;

function createPool() {
  const pool = mysql.createPool({
    uri: env.DATABASE_URL,
    connectionLimit: env.DATABASE_POOL_SIZE,
    // Dates travel as UTC both ways, whatever the server's own time zone.
    timezone: "Z",
    supportBigNumbers: true,
    charset: "utf8mb4_unicode_ci",
  });
  pool.pool.on("connection", (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  return pool;
}

// One pool per process; in dev, hot reload would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { helpdeckPool?: mysql.Pool };
export const pool = globalForDb.helpdeckPool ?? createPool();
if (process.env.NODE_ENV !== "production") globalForDb.helpdeckPool = pool;

export const db: Database = drizzle(pool, { schema, mode: "default" });

/** A transaction handle or the database itself: domain functions accept either. */
export type Tx = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];
