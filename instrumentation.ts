// Next.js calls register() once when a server process starts: the outbox worker runs inside the app
// server, so the single "up" command also sends mail. MAIL_WORKER=off leaves it to scripts/mail-worker.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.MAIL_WORKER === "off") return;
  const started = globalThis as unknown as { helpdeckMailWorker?: boolean };
  if (started.helpdeckMailWorker) return;
  started.helpdeckMailWorker = true;
  const { startMailWorker } = await import("./lib/mail/worker");
  startMailWorker({ keepAlive: false });
}
