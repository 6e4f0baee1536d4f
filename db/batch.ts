import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { MySqlDialect } from "drizzle-orm/mysql-core";
import mysql from "mysql2/promise";
import { env } from "@/lib/env";
import { retryingDeadlocks } from "./deadlock";
import { createAppPool, idleWithoutHoldingProcess } from "./index";

/**
 * Transactions sent as few round trips as possible. On this kind of machine every statement's round trip
 * costs more CPU (a write and a read on each side, and the driver's work) than most of the statements
 * themselves, so a hot write path (a reply: update the ticket, insert the message, its history row, read
 * the mail context, queue the mails, commit) sends its writes together with the next read instead of one
 * by one: two round trips instead of eight.
 *
 * Multi-statement text needs a connection that allows it (`multipleStatements`). Only this module's pool
 * has that; the app's main pool keeps it off, so a statement built anywhere else can never carry a second
 * one. Everything sent here is built by drizzle's `sql` template (values escaped by the driver), as
 * everywhere else.
 */

export type StatementResult = mysql.ResultSetHeader | mysql.RowDataPacket[];

export interface BatchTransaction {
  /** Queues writes whose results nobody needs before the next read: they travel with it, or with the commit. */
  queue(...statements: SQLWrapper[]): void;
  /** Sends what is queued and these statements in one round trip; returns these statements' results, in order. */
  read(...statements: SQLWrapper[]): Promise<StatementResult[]>;
}

/** Its idle connections let scripts exit once they have ended the main pool (they only end that one). */
const createBatchPool = () =>
  idleWithoutHoldingProcess(createAppPool({ maxIdle: env.DATABASE_POOL_SIZE, multipleStatements: true }));

const holder = globalThis as unknown as { helpdeckBatchPool?: mysql.Pool };
const batchPool = () => (holder.helpdeckBatchPool ??= createBatchPool());

const dialect = new MySqlDialect();

/** One round trip: the statements joined into one text, their values in order (escaped by mysql2). */
async function send(connection: mysql.PoolConnection, statements: SQLWrapper[]): Promise<StatementResult[]> {
  const texts: string[] = [];
  const values: unknown[] = [];
  for (const statement of statements) {
    const query = dialect.sqlToQuery(statement.getSQL() as SQL);
    texts.push(query.sql);
    values.push(...query.params);
  }
  const [results] = await connection.query(texts.join(";\n"), values);
  // mysql2 hands back one result for a single statement and an array of them for several.
  return statements.length === 1 ? [results as StatementResult] : (results as StatementResult[]);
}

const begin = sql`START TRANSACTION`;
const commit = sql`COMMIT`;

async function runOnce<T>(work: (tx: BatchTransaction) => Promise<T>): Promise<T> {
  const connection = await batchPool().getConnection();
  let pending: SQLWrapper[] = [];
  let started = false;
  const take = (statements: SQLWrapper[]) => {
    const batch = [...(started ? [] : [begin]), ...pending, ...statements];
    started = true;
    pending = [];
    return batch;
  };
  const tx: BatchTransaction = {
    queue: (...statements) => void pending.push(...statements),
    async read(...statements) {
      const batch = take(statements);
      const results = await send(connection, batch);
      return results.slice(batch.length - statements.length);
    },
  };
  try {
    const result = await work(tx);
    await send(connection, take([commit]));
    connection.release();
    return result;
  } catch (error) {
    // After a failed statement the rest of its round trip did not run; the transaction may be open.
    await connection.query("ROLLBACK").then(
      () => connection.release(),
      () => connection.destroy(),
    );
    throw error;
  }
}

/**
 * Statements that need no transaction between them (reads, or writes that each stand alone), sent in one
 * round trip; their results in order. A failed statement stops the ones after it.
 */
export async function sendTogether(...statements: SQLWrapper[]): Promise<StatementResult[]> {
  if (statements.length === 0) return [];
  const connection = await batchPool().getConnection();
  try {
    return await send(connection, statements);
  } finally {
    connection.release();
  }
}

/**
 * Runs `work` as one transaction on a multi-statement connection, committing with the last queued writes.
 * Retried as a deadlock's victim, like `db.transaction` (db/index.ts): the work only builds statements and
 * reads, so running it again is safe.
 */
export function batchTransaction<T>(work: (tx: BatchTransaction) => Promise<T>): Promise<T> {
  return retryingDeadlocks(() => runOnce(work));
}
