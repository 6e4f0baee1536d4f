// Starts the built app on its test port against the test database, for HTTP and browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import { e2eLmtpSocket } from "../support/lmtp-client";

let app: ChildProcess | undefined;

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs} ms`);
}

export async function setup() {
  if (!process.env.HELPDECK_TEST) throw new Error("Run the tests through `npm test` (scripts/test.sh).");
  const baseUrl = process.env.APP_URL!;
  const port = new URL(baseUrl).port;
  // The production server (scripts/server.ts), as `npm start` runs it.
  app = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: port, HOST: "127.0.0.1", LMTP_LISTEN: e2eLmtpSocket(baseUrl) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitForHttp(`${baseUrl}/api/health`, 60_000);
}

export async function teardown() {
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
