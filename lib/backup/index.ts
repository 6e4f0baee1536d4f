// Backup and restore: the database as a mariadb-dump (one consistent snapshot, --single-transaction)
// and the attachments folder as a tar archive, side by side in one folder with a manifest. With the S3
// storage driver the files stay in the bucket (the operator versions or copies it; see README), so a
// backup holds the database only; restoring an older backup's tar into a bucket uploads its files.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { type Storage, StorageConflictError } from "../storage/types";

const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  database: z.string(),
  dump: z.literal("database.sql"),
  /** null: the files live in an S3 bucket and are not part of this backup. */
  attachments: z.literal("attachments.tar").nullable(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Connection arguments for the mariadb client tools; the password goes in the environment, not argv. */
function clientArgs(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new Error("DATABASE_URL names no database.");
  return {
    database,
    args: ["--no-defaults", `--host=${url.hostname}`, `--port=${url.port || "3306"}`, `--user=${decodeURIComponent(url.username)}`],
    env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) },
  };
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; stdout?: string; cwd?: string }) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: [options.stdin ? "pipe" : "ignore", options.stdout ? "pipe" : "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const streams: Promise<void>[] = [];
    if (options.stdin) streams.push(pipeline(createReadStream(options.stdin), child.stdin!));
    if (options.stdout) streams.push(pipeline(child.stdout!, createWriteStream(options.stdout)));
    child.on("error", reject);
    child.on("exit", async (code) => {
      await Promise.allSettled(streams);
      if (code === 0) resolve();
      else reject(new Error(`${command} exited ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}

/** Runs one statement with the mariadb client; resolves with its tab-separated output. */
function sql(client: ReturnType<typeof clientArgs>, statement: string) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn("mariadb", [...client.args, "--batch", "--skip-column-names", "-e", statement], { env: client.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`mariadb exited ${code}: ${err.trim()}`))));
  });
}

/**
 * Writes database.sql, attachments.tar and manifest.json into `folder` (created; must be empty).
 * `attachmentsDir` null: the files are in a bucket, and only the database is backed up.
 */
export async function backup(input: { databaseUrl: string; attachmentsDir: string | null; folder: string }): Promise<BackupManifest> {
  mkdirSync(input.folder, { recursive: true });
  if (existsSync(path.join(input.folder, "manifest.json"))) throw new Error(`${input.folder} already holds a backup.`);
  const client = clientArgs(input.databaseUrl);
  await run(
    "mariadb-dump",
    [...client.args, "--single-transaction", "--quick", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4", client.database],
    { env: client.env, stdout: path.join(input.folder, "database.sql") },
  );
  if (input.attachmentsDir !== null) {
    mkdirSync(input.attachmentsDir, { recursive: true });
    await run("tar", ["-cf", path.resolve(input.folder, "attachments.tar"), "-C", path.resolve(input.attachmentsDir), "."], {});
  }
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: client.database,
    dump: "database.sql",
    attachments: input.attachmentsDir === null ? null : "attachments.tar",
  };
  writeFileSync(path.join(input.folder, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/**
 * Restores a backup folder into the database of `databaseUrl` (created when missing; refused when it
 * already has tables, so a restore never mixes with live data) and the attachments folder, or, given
 * `bucket`, uploads the archived files into it.
 */
export async function restore(input: { databaseUrl: string; attachmentsDir: string; folder: string; bucket?: Storage }) {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(input.folder, "manifest.json"), "utf8")));
  const client = clientArgs(input.databaseUrl);
  const quoted = `\`${client.database.replace(/`/g, "``")}\``;
  await sql(client, `CREATE DATABASE IF NOT EXISTS ${quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const tables = await sql(client, `SHOW TABLES FROM ${quoted}`);
  if (tables.trim()) throw new Error(`The database ${client.database} already has tables: restore into an empty database.`);
  await run("mariadb", [...client.args, client.database], { env: client.env, stdin: path.join(input.folder, manifest.dump) });
  if (manifest.attachments === null) return manifest;
  if (input.bucket) {
    await uploadArchive(path.resolve(input.folder, manifest.attachments), input.bucket);
    return manifest;
  }
  mkdirSync(input.attachmentsDir, { recursive: true });
  await run("tar", ["-xf", path.resolve(input.folder, manifest.attachments), "-C", path.resolve(input.attachmentsDir)], {});
  return manifest;
}

/** Unpacks an attachments.tar aside and puts each file into the bucket under its relative path. */
async function uploadArchive(archive: string, bucket: Storage) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "helpdeck-restore-"));
  try {
    await run("tar", ["-xf", archive, "-C", scratch], {});
    for (const entry of await readdir(scratch, { recursive: true, withFileTypes: true })) {
      // .part files are uploads that were being written when the backup ran.
      if (!entry.isFile() || entry.name.endsWith(".part")) continue;
      const key = path.relative(scratch, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      try {
        await bucket.put(key, await readFile(path.join(entry.parentPath, entry.name)));
      } catch (error) {
        // Already there (a restore run again after an interruption): the stored file is kept.
        if (!(error instanceof StorageConflictError)) throw error;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
