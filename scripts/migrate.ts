// Applies the committed migrations to DATABASE_URL (creating the database if it does not exist yet).
import "./load-env";
import mysql from "mysql2/promise";

async function ensureDatabase(url: string) {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = "/";
  const connection = await mysql.createConnection({ uri: parsed.toString() });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name.replace(/`/g, "")}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

async function main() {
  await ensureDatabase(process.env.DATABASE_URL!);
  const { migrate } = await import("drizzle-orm/mysql2/migrator");
  const { db, pool } = await import("@/db");
  await migrate(db, { migrationsFolder: "db/migrations" });
  await pool.end();
  console.error("› database migrated");
}

main().catch((error) => {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
