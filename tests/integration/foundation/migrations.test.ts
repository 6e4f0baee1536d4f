import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { unique } from "../../support/factories";

const name = `helpdeck_test_migrate_${unique("m").toLowerCase()}`;
const serverUrl = () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/";
  return url.toString();
};

describe("migrations", () => {
  afterAll(async () => {
    const connection = await mysql.createConnection({ uri: serverUrl() });
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
  });

  it("apply to an empty database from scratch and create every table", async () => {
    const admin = await mysql.createConnection({ uri: serverUrl() });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    const connection = await mysql.createConnection({ uri: url.toString() });
    await migrate(drizzle(connection), { migrationsFolder: "db/migrations" });
    const [rows] = await connection.query("SHOW TABLES");
    const tables = (rows as Record<string, string>[]).map((r) => Object.values(r)[0]);
    expect(tables).toEqual(expect.arrayContaining(["tickets", "messages", "attachments", "staff", "users", "departments", "outbox", "api_keys"]));
    const [indexes] = await connection.query("SHOW INDEX FROM ticket_search WHERE Key_name = 'ticket_search_terms_ft'");
    expect((indexes as unknown[]).length).toBe(1);
    // Applying again is a no-op, not an error.
    await migrate(drizzle(connection), { migrationsFolder: "db/migrations" });
    await connection.end();
  });
});
