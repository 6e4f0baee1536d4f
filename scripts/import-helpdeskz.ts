// Moves a HelpDeskZ 2 install into Helpdeck (into DATABASE_URL, a freshly migrated database).
//   npm run import:helpdeskz -- --from mysql://user:pass@host/helpdeskz --attachments /var/www/hdz/writable/attachments
// Options: --dry-run (read and report, write nothing), --batch N (rows per transaction, default 1000),
// --prefix hdz_ (table prefix), --allow-existing (import into a database that already holds other data;
// rows with the same ids are overwritten), --report FILE (default import-helpdeskz-report.txt; a .json
// beside it). Safe to run again: rows are upserted by id, files are copied once.
import "./load-env";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";

const usage = `Usage: npm run import:helpdeskz -- --from mysql://user:pass@host:3306/helpdeskz [--attachments DIR]
       [--dry-run] [--batch 1000] [--prefix hdz_] [--allow-existing] [--report FILE]`;

const argsSchema = z.object({
  from: z.string().regex(/^(mysql|mariadb):\/\//, "--from must be a mysql:// URL"),
  attachments: z.string().optional(),
  "dry-run": z.boolean().default(false),
  batch: z.coerce.number().int().min(1).max(10_000).default(1000),
  prefix: z.string().regex(/^\w*$/).default("hdz_"),
  "allow-existing": z.boolean().default(false),
  report: z.string().default("import-helpdeskz-report.txt"),
});

function progressLine(phase: string, done: number, total: number, elapsedMs: number) {
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const share = total ? Math.min(1, done / total) : 1;
  const width = 24;
  const bar = "█".repeat(Math.round(share * width)).padEnd(width, "░");
  const eta = rate > 0 && total > done ? ` · ${Math.ceil((total - done) / rate)} s left` : "";
  return `${bar} ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows · ${Math.round(rate).toLocaleString("en")} rows/s${eta} · ${phase}`;
}

async function main() {
  let values;
  try {
    values = parseArgs({
      options: {
        from: { type: "string" },
        attachments: { type: "string" },
        "dry-run": { type: "boolean" },
        batch: { type: "string" },
        prefix: { type: "string" },
        "allow-existing": { type: "boolean" },
        report: { type: "string" },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
    process.exit(2);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(
      `${parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n")}\n${usage}`,
    );
    process.exit(2);
  }
  const args = parsed.data;
  const { importHelpdeskz, ImportConflictError } = await import("@/lib/import/helpdeskz");
  const { pool } = await import("@/db");

  const tty = process.stderr.isTTY;
  let lastLine = 0;
  try {
    const report = await importHelpdeskz({
      from: args.from,
      prefix: args.prefix,
      attachmentsDir: args.attachments,
      dryRun: args["dry-run"],
      batchSize: args.batch,
      allowExisting: args["allow-existing"],
      onProgress: ({ phase, done, total, elapsedMs }) => {
        // On a terminal the line redraws in place; in a log, one line every few seconds.
        const now = Date.now();
        if (!tty && now - lastLine < 5000 && done < total) return;
        lastLine = now;
        const line = progressLine(phase, done, total, elapsedMs);
        process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write("\n");
    const text = report.toText();
    process.stdout.write(text);
    writeFileSync(args.report, text);
    writeFileSync(args.report.replace(/(\.txt)?$/, ".json"), JSON.stringify(report.toJSON(), null, 2));
    console.error(`› report written to ${args.report}`);
  } catch (error) {
    if (tty) process.stderr.write("\n");
    if (error instanceof ImportConflictError) {
      console.error(`Import refused: ${error.message}`);
      process.exitCode = 3;
    } else {
      console.error("Import failed:", error instanceof Error ? error.message : error);
      console.error("Nothing is lost: finished batches are committed; run the same command again to resume.");
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
}

void main();
