// Fetches unseen mail from every address configured for IMAP, once (for cron) or every N seconds:
//   npx tsx scripts/imap-fetch.ts               one pass; exit 1 if a mailbox could not be read
//   npx tsx scripts/imap-fetch.ts --loop [--interval=60]
// Safe to kill at any moment: a message is marked \Seen only after it is stored, and re-fetching is idempotent.
import "./load-env";
import { pool } from "@/db";
import { fetchAllMailboxes, type MailboxReport } from "@/lib/mail/imap";

const args = process.argv.slice(2);
const loop = args.includes("--loop");
const quiet = args.includes("--quiet");
const intervalSeconds = Number(args.find((arg) => arg.startsWith("--interval="))?.split("=")[1] ?? 60);
const log = (line: string) => console.error(`imap-fetch: ${line}`);

function summarize(reports: MailboxReport[]) {
  for (const r of reports) {
    if (r.error) log(`${r.address}: stopped: ${r.error}`);
    if (r.found || !quiet)
      log(
        `${r.address}: ${r.found} unseen, ${r.stored} stored, ${r.duplicate} already stored, ${r.ignored} ignored, ${r.failed} dead-lettered`,
      );
  }
  return reports.every((r) => !r.error);
}

async function main() {
  if (!loop) {
    const ok = summarize(await fetchAllMailboxes({ log: quiet ? undefined : log }));
    await pool.end();
    return ok ? 0 : 1;
  }
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  while (!stopping) {
    try {
      summarize(await fetchAllMailboxes({ log: quiet ? undefined : log }));
    } catch (error) {
      log(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (stopping) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, intervalSeconds * 1000);
    });
  }
  await pool.end();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
