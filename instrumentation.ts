// Next.js calls register() once when a server process starts: the outbox worker runs inside the app
// server, so the single "up" command also sends mail. MAIL_WORKER=off leaves it to scripts/mail-worker.ts.
export async function register() {
  // The NEXT_RUNTIME test must wrap the import: it keeps nodemailer and mysql2 out of the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.MAIL_WORKER !== "off") {
    const started = globalThis as unknown as { helpdeckMailWorker?: boolean };
    if (!started.helpdeckMailWorker) {
      started.helpdeckMailWorker = true;
      const { startMailWorker } = await import("./lib/mail/worker");
      startMailWorker({ keepAlive: false });
    }
  }
}
