// A HelpDeskZ 2 database for the import tests and bench: the upstream schema (tests/fixtures/helpdeskz)
// in a database of its own, plus PHP's serialize() to write the columns HelpDeskZ fills with it.
import { readFileSync } from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";

const schemaFile = path.resolve(import.meta.dirname, "../fixtures/helpdeskz/schema.sql");

/** A database URL on the same server as `baseUrl`, named `name`. */
export function databaseUrl(baseUrl: string, name: string) {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates `name` with HelpDeskZ's tables; returns a connection to it (multi-statement). */
export async function createHelpdeskzDatabase(baseUrl: string, name: string) {
  if (!/^helpdeck\w*$/.test(name))
    throw new Error(`Refusing database name ${name}: the test user owns helpdeck* only`);
  const server = new URL(baseUrl);
  server.pathname = "/";
  const admin = await mysql.createConnection({ uri: server.toString() });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8 COLLATE utf8_general_ci`);
  } finally {
    await admin.end();
  }
  const connection = await mysql.createConnection({
    uri: databaseUrl(baseUrl, name),
    multipleStatements: true,
    charset: "utf8mb4_general_ci",
  });
  await connection.query(readFileSync(schemaFile, "utf8"));
  return connection;
}

export async function dropDatabase(baseUrl: string, name: string) {
  const server = new URL(baseUrl);
  server.pathname = "/";
  const admin = await mysql.createConnection({ uri: server.toString() });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.end();
  }
}

type Php = string | number | boolean | null | Php[] | { [key: string]: Php };

/** PHP's serialize(): string lengths in UTF-8 bytes, arrays and objects as PHP arrays. */
export function phpSerialize(value: Php): string {
  if (value === null) return "N;";
  if (typeof value === "boolean") return `b:${value ? 1 : 0};`;
  if (typeof value === "number") return Number.isInteger(value) ? `i:${value};` : `d:${value};`;
  if (typeof value === "string") return `s:${Buffer.byteLength(value, "utf8")}:"${value}";`;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const body = entries
    .map(
      ([key, v]) =>
        (typeof key === "number" || /^(0|[1-9]\d*)$/.test(key) ? `i:${key};` : phpSerialize(key)) +
        phpSerialize(v),
    )
    .join("");
  return `a:${entries.length}:{${body}}`;
}
