// Sends the outbox and runs the timed ticket work (auto-close): `--once` does both once and exits
// (cron); without it, polls until stopped.
// The Next.js server also runs this worker in-process (instrumentation.ts) unless MAIL_WORKER=off.
import "./load-env";
import { pool } from "@/db";
import { drainOutbox, runHousekeeping, startMailWorker } from "@/lib/mail/worker";
import { closeTransports } from "@/lib/mail/transport";

const args = process.argv.slice(2);
const log = (line: string) => console.error(`mail-worker: ${line}`);

async function main() {
  if (args.includes("--once")) {
    const report = await drainOutbox({ log });
    log(`sent ${report.sent}, retrying later ${report.retrying}, failed ${report.failed}`);
    await runHousekeeping(log);
    return 0;
  }
  const intervalSeconds = Number(args.find((arg) => arg.startsWith("--interval="))?.split("=")[1] ?? 5);
  const worker = startMailWorker({ intervalMs: intervalSeconds * 1000, log });
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  await worker.stop();
  return 0;
}

main()
  .then(async (code) => {
    closeTransports();
    await pool.end();
    process.exit(code);
  })
  .catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
