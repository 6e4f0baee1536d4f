// Starts the built app on its test port against the test database, for HTTP and browser tests.
import { spawn, type ChildProcess } from "node:child_process";

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
  app = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production" },
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
