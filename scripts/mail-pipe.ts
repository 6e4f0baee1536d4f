// The MTA pipe door: one message on stdin, as HelpDeskZ's pipe.php. The MTA starts one process per
// message, so it runs bundled with its dependencies (`npm run build:pipe`, scripts/build-pipe.mjs, writes
// dist/mail-pipe.mjs: no TypeScript compiler and no module resolution in node_modules at start-up).
// Wire it in the MTA, e.g. in /etc/aliases:
//   support: "|/usr/bin/env -C /srv/helpdeck node dist/mail-pipe.mjs"
// For mail in bulk, scripts/mail-pipe.sh posts each message to the running server instead (README).
// Exit 0: stored, already stored, deliberately ignored or kept in the dead-letter list (nothing lost).
// Exit 75 (EX_TEMPFAIL): it cannot store the message now (database down...): the MTA keeps it and retries.
import "./load-env";

const EX_OK = 0;
const EX_TEMPFAIL = 75;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main() {
  const raw = await readStdin();
  if (raw.length === 0) {
    console.error("mail-pipe: empty input, nothing to store");
    return EX_OK;
  }
  // Loaded here, not at the top: a configuration error must also end in a temporary failure.
  const { ingest, describeIngest } = await import("@/lib/mail/ingest");
  const { pool } = await import("@/db");
  try {
    const result = await ingest(raw, "pipe");
    console.error(`mail-pipe: ${describeIngest(result)}`);
    return EX_OK;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `mail-pipe: cannot store the message now, the MTA will retry: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(EX_TEMPFAIL);
  },
);
