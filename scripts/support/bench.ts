// Shared by the bench scripts (scripts/bench-*.ts). Imports nothing of the app: a bench points the
// environment at its own database first, then loads the app's modules.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Points DATABASE_URL (and the attachments folder) at the bench's own database on the local server:
 * BENCH_DATABASE_URL as given, else DATABASE_URL with the database renamed. Refuses a remote server,
 * since benches fill or recreate their database. The mail worker stays off: mail waits in the outbox.
 */
export function pointAtBenchDatabase(database: string): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://helpdeck:helpdeck@127.0.0.1:3391/helpdeck");
  if (!process.env.BENCH_DATABASE_URL) url.pathname = `/${database}`;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error("The bench fills or recreates its database: point BENCH_DATABASE_URL at a local server.");
  }
  process.env.DATABASE_URL = url.toString();
  process.env.ATTACHMENTS_DIR = path.resolve(`.data/attachments-${database.replace(/^helpdeck_/, "").replace(/_/g, "-")}`);
  process.env.MAIL_WORKER = "off";
  return url;
}

export const log = (message: string) => console.error(`› ${message}`);

/** Runs a command with this process's environment; rejects when it exits non-zero. */
export async function run(command: string, args: string[]) {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

/** Starts the production build (scripts/server.ts, as `npm start` runs it) on loopback for a bench. */
export function startAppServer(port: number, secretPrefix: string, nodeArgs: string[] = [], extraEnv: Record<string, string> = {}): ChildProcess {
  const baseUrl = `http://127.0.0.1:${port}`;
  return spawn("node", [...nodeArgs, "--import", "tsx", "scripts/server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? `${secretPrefix}-bench-secret-0123456789abcdef`,
      HELPDECK_SECRET_KEY: process.env.HELPDECK_SECRET_KEY ?? `${secretPrefix}-bench-key-0123456789abcdef`,
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

/** Waits until the app answers its health check, or fails when it exits or takes over 90 s. */
export async function waitForApp(app: ChildProcess, baseUrl: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error("the app exited while starting (is it built with this NEXT_DIST_DIR?)");
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${baseUrl}`);
}

/** Cookies a bench client carries between requests. */
export type CookieJar = Map<string, string>;
export const cookieHeader = (jar: CookieJar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keepCookies(jar: CookieJar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
}

/** Signs a staff member in over HTTP, as the sign-in form does (next-auth credentials callback). */
export async function signInStaff(baseUrl: string, login: string, password: string): Promise<CookieJar> {
  const jar: CookieJar = new Map();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  keepCookies(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
  });
  keepCookies(jar, response);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in as ${login} failed (${response.status} ${await response.text()})`);
  return jar;
}
