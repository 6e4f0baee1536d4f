// A throwaway MariaDB for fault tests that crash the database: its own data directory, socket and port,
// so killing it never disturbs the shared test server other files use at the same time.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const sbin = (name: string) => [`/usr/sbin/${name}`, `/usr/bin/${name}`].find((p) => existsSync(p)) ?? name;

/** A TCP port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type PrivateMariadb = {
  port: number;
  dir: string;
  /** mysql:// URL of the app's login on this server's `helpdeck_fault` database. */
  url: string;
  /** SIGKILL: a crash, not a clean shutdown; InnoDB must recover on the next start. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its files. */
  destroy(): Promise<void>;
};

export async function startPrivateMariadb(): Promise<PrivateMariadb> {
  const dir = mkdtempSync(path.join(tmpdir(), "helpdeck-fault-db-"));
  const data = path.join(dir, "data");
  const socket = path.join(dir, "mysqld.sock");
  const pidFile = path.join(dir, "mysqld.pid");
  const port = await freePort();
  execFileSync(
    sbin("mariadb-install-db"),
    [
      "--no-defaults",
      `--datadir=${data}`,
      "--user=root",
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
    ],
    { stdio: "ignore" },
  );

  const root = (sql: string) =>
    execFileSync(sbin("mariadb"), ["--no-defaults", `--socket=${socket}`, "-uroot", "-e", sql], { stdio: "pipe" });
  const alive = () => {
    try {
      root("SELECT 1");
      return true;
    } catch {
      return false;
    }
  };
  // mariadbd does not fork: the child we spawn is the server, so its pid is the one to kill.
  let serverPid: number | undefined;

  async function start() {
    const child = spawn(
      sbin("mariadbd"),
      [
        "--no-defaults",
        `--datadir=${data}`,
        `--socket=${socket}`,
        `--port=${port}`,
        "--bind-address=127.0.0.1",
        "--user=root",
        `--pid-file=${pidFile}`,
        `--log-error=${path.join(dir, "error.log")}`,
        "--skip-name-resolve",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
        "--default-time-zone=+00:00",
        "--innodb-buffer-pool-size=64M",
      ],
      { stdio: "ignore", detached: true },
    );
    child.unref();
    serverPid = child.pid;
    for (let i = 0; i < 150 && !alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!alive()) {
      const log = existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "";
      throw new Error(`The private MariaDB did not start:\n${log.slice(-2000)}`);
    }
  }

  /** Signals the server and waits up to 10 s for it to be gone; true when it is. */
  async function kill(signal: NodeJS.Signals) {
    const running = serverPid;
    if (!running) return true;
    try {
      process.kill(running, signal);
    } catch {
      serverPid = undefined; // already gone
      return true;
    }
    // Gone when signal 0 fails; the socket file may linger after a crash, so wait on the process.
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(running, 0);
      } catch {
        serverPid = undefined;
        return true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  try {
    await start();
    root(`CREATE USER 'helpdeck'@'127.0.0.1' IDENTIFIED BY 'helpdeck';
        GRANT ALL PRIVILEGES ON \`helpdeck_fault\`.* TO 'helpdeck'@'127.0.0.1';
        CREATE DATABASE helpdeck_fault CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`);
  } catch (error) {
    await kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    dir,
    url: `mysql://helpdeck:helpdeck@127.0.0.1:${port}/helpdeck_fault`,
    async crash() {
      if (!(await kill("SIGKILL"))) throw new Error("The private MariaDB survived SIGKILL");
    },
    start,
    async destroy() {
      if (!(await kill("SIGTERM"))) await kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
