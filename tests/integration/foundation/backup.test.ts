// Backup and restore, as documented: `npm run backup` of the test database and its attachments, then
// `npm run restore` into a fresh database and attachments folder, where everything is found again.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { db, pool } from "@/db";
import { attachments } from "@/db/schema";
import { sha256 } from "@/lib/tokens";
import { createTicket } from "@/lib/tickets/create";
import { makeCustomer, makeDepartment, unique } from "../../support/factories";

const exec = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), "helpdeck-backup-"));
const restoredUrl = new URL(process.env.DATABASE_URL!);
restoredUrl.pathname = `/${restoredUrl.pathname.slice(1)}_restored`;

const cli = (script: string, args: string[], env: Record<string, string>) =>
  exec("npx", ["tsx", `scripts/${script}.ts`, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });

async function dropRestored() {
  const connection = await mysql.createConnection(process.env.DATABASE_URL!);
  await connection.query(`DROP DATABASE IF EXISTS \`${restoredUrl.pathname.slice(1)}\``);
  await connection.end();
}

afterAll(async () => {
  await dropRestored();
  rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores the database and the attachment files into a fresh install", async () => {
    await dropRestored();
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const subject = unique("Backed up ");
    const file = Buffer.from("%PDF-1.4 the contract");
    const ticket = await createTicket({
      requester: { userId: customer.id },
      departmentId: department.id,
      subject,
      message: "Keep this safe.",
      source: "api",
      openedBy: { type: "api" },
      files: [{ filename: "contract.pdf", contentType: "application/pdf", data: file }],
    });
    const [stored] = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));

    const folder = path.join(work, "nightly");
    const backedUp = await cli("backup", [folder], {});
    expect(backedUp.stdout).toContain(`Backed up`);

    const restoredFiles = path.join(work, "restored-attachments");
    const restored = await cli("restore", [folder], { DATABASE_URL: restoredUrl.toString(), ATTACHMENTS_DIR: restoredFiles });
    expect(restored.stdout).toContain("Restored the backup");

    const connection = await mysql.createConnection(restoredUrl.toString());
    try {
      const [[row]] = (await connection.query("SELECT subject, user_id FROM tickets WHERE id = ?", [ticket.id])) as unknown as [
        { subject: string; user_id: number }[],
      ];
      expect(row).toEqual({ subject, user_id: customer.id });
      const [[message]] = (await connection.query("SELECT body FROM messages WHERE ticket_id = ?", [ticket.id])) as unknown as [{ body: string }[]];
      expect(message?.body).toBe("Keep this safe.");
      const [[attachment]] = (await connection.query("SELECT storage_key, sha256 FROM attachments WHERE id = ?", [stored!.id])) as unknown as [
        { storage_key: string; sha256: string }[],
      ];
      expect(attachment?.sha256).toBe(sha256(file));
      expect(sha256(readFileSync(path.join(restoredFiles, attachment!.storage_key)))).toBe(sha256(file));
      // Every table of the schema is there, migration history included (the app starts on it as is).
      const [sourceTables] = await pool.query("SHOW TABLES");
      const [restoredTables] = await connection.query("SHOW TABLES");
      expect((restoredTables as unknown[]).length).toBe((sourceTables as unknown[]).length);
    } finally {
      await connection.end();
    }

    // A restore never mixes with existing data.
    await expect(cli("restore", [folder], { DATABASE_URL: restoredUrl.toString(), ATTACHMENTS_DIR: restoredFiles })).rejects.toThrow(/already has tables/);
  });
});
