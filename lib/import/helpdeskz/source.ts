// The HelpDeskZ database, read through its own mysql2 connection: keyset-paginated batches (memory stays
// bounded whatever the size of the install), and what its schema version has (tables, columns).
import mysql from "mysql2/promise";

export type SourceRow = Record<string, unknown>;

export class HelpdeskzSource {
  private tables = new Set<string>();
  private columns = new Map<string, Set<string>>();

  private constructor(
    private readonly connection: mysql.Connection,
    readonly prefix: string,
  ) {}

  static async connect(url: string, prefix = "hdz_"): Promise<HelpdeskzSource> {
    if (!/^[A-Za-z0-9_]*$/.test(prefix)) throw new Error(`Table prefix "${prefix}" is not a plain name.`);
    const parsed = new URL(url);
    if (!["mysql:", "mariadb:"].includes(parsed.protocol)) throw new Error("--from must be a mysql:// URL.");
    parsed.protocol = "mysql:";
    // HelpDeskZ stores unix timestamps, so the session time zone does not matter; utf8mb4 reads any text.
    const connection = await mysql.createConnection({
      uri: parsed.toString(),
      charset: "utf8mb4_general_ci",
      supportBigNumbers: true,
    });
    const source = new HelpdeskzSource(connection, prefix);
    await source.inspect();
    return source;
  }

  private async inspect() {
    const [rows] = await this.connection.query(
      "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ?",
      [`${this.prefix.replace(/_/g, "\\_")}%`],
    );
    for (const row of rows as { t: string; c: string }[]) {
      const name = row.t.slice(this.prefix.length);
      this.tables.add(name);
      const set = this.columns.get(name) ?? new Set<string>();
      set.add(row.c);
      this.columns.set(name, set);
    }
    for (const required of ["departments", "staff", "users", "tickets", "tickets_messages"]) {
      if (!this.tables.has(required)) {
        throw new Error(
          `${this.prefix}${required} is missing: is --from a HelpDeskZ 2 database (table prefix "${this.prefix}")?`,
        );
      }
    }
  }

  has(table: string) {
    return this.tables.has(table);
  }

  hasColumn(table: string, column: string) {
    return this.columns.get(table)?.has(column) ?? false;
  }

  /** A table's name with prefix, quoted for SQL. */
  t(table: string) {
    return `\`${this.prefix}${table}\``;
  }

  async query<T = SourceRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.connection.query(sql, params);
    return rows as T[];
  }

  async count(table: string, where = "1=1"): Promise<number> {
    if (!this.has(table)) return 0;
    const [row] = await this.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${this.t(table)} WHERE ${where}`,
    );
    return Number(row?.n ?? 0);
  }

  async maxId(table: string): Promise<number> {
    if (!this.has(table)) return 0;
    const [row] = await this.query<{ n: number | null }>(`SELECT MAX(id) AS n FROM ${this.t(table)}`);
    return Number(row?.n ?? 0);
  }

  /**
   * Batches of a query ordered by `idColumn`, each read after the last id of the one before (keyset
   * pagination: every batch is an index range scan, unlike OFFSET). `select` is the query up to its
   * WHERE and must select the key as `id`; the next batch is fetched while the caller works on this one.
   */
  async *batches(select: string, idColumn: string, batchSize: number): AsyncGenerator<SourceRow[]> {
    const fetch = (after: number) =>
      this.query(`${select} WHERE ${idColumn} > ? ORDER BY ${idColumn} LIMIT ?`, [after, batchSize]);
    let next = fetch(0);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      next = rows.length < batchSize ? Promise.resolve([]) : fetch(Number(rows[rows.length - 1]!.id));
      // A consumer that stops early must not leave an unhandled rejection behind.
      next.catch(() => undefined);
      yield rows;
    }
  }

  async close() {
    await this.connection.end();
  }
}
