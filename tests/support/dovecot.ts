// A real IMAP server for tests: Debian's Dovecot on loopback with its own configuration, users and
// maildirs under .data/dovecot-<port>. Plain IMAP (no TLS) on a high port; stopped by its real PID.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { ImapFlow } from "imapflow";

const NOBODY = 65534;
const findDovecot = () =>
  ["/usr/sbin/dovecot", "/usr/bin/dovecot"].find((candidate) => existsSync(candidate));

export type Dovecot = {
  port: number;
  /** Delivers a message into a user's INBOX (IMAP APPEND), unseen. */
  append(user: string, raw: Buffer): Promise<void>;
  client(user: string): ImapFlow;
  stop(): Promise<void>;
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

export async function startDovecot(
  port: number,
  users: { user: string; password: string }[],
  /** Also serve IMAPS on this port with a freshly made self-signed certificate. */
  options: { tlsPort?: number } = {},
): Promise<Dovecot> {
  ensureDovecotInstalled();
  const DOVECOT = findDovecot();
  if (!DOVECOT)
    throw new Error("Dovecot is not installed (apt-get install -y --no-install-recommends dovecot-imapd)");
  const dir = path.resolve(__dirname, `../../.data/dovecot-${port}`);
  const pidFile = path.join(dir, "run", "master.pid");
  // A previous run that died without stopping its server.
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGTERM");
    } catch {
      /* not running */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ["run", "state", "mail", "home"]) mkdirSync(path.join(dir, sub), { recursive: true });
  for (const sub of ["mail", "home"]) chownSync(path.join(dir, sub), NOBODY, NOBODY);
  writeFileSync(
    path.join(dir, "passwd"),
    users
      .map(({ user, password }) => `${user}:{PLAIN}${password}:${NOBODY}:${NOBODY}::${dir}/home/${user}::\n`)
      .join(""),
  );
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
${options.tlsPort ? `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem` : "ssl = no"}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${NOBODY}
last_valid_uid = ${NOBODY}
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${options.tlsPort ?? 0}
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`;
  if (options.tlsPort) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
  }
  const configFile = path.join(dir, "dovecot.conf");
  writeFileSync(configFile, config);
  const child = spawn(DOVECOT, ["-F", "-c", configFile], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.unref();
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await portOpen(port))) {
    const log = existsSync(path.join(dir, "dovecot.log"))
      ? readFileSync(path.join(dir, "dovecot.log"), "utf8")
      : "";
    throw new Error(`Dovecot did not start on ${port}: ${stderr} ${log}`);
  }
  const passwords = new Map(users.map((u) => [u.user, u.password]));
  const client = (user: string) =>
    new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: passwords.get(user)! },
      logger: false,
      disableAutoIdle: true,
    });
  return {
    port,
    client,
    async append(user, raw) {
      const imap = client(user);
      await imap.connect();
      await imap.append("INBOX", raw, []);
      await imap.logout();
    },
    async stop() {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : null;
      if (pid) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      }
      for (let i = 0; i < 50 && (await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

/** Installs Dovecot when missing (fresh machine); needs root and the Debian mirror. */
export function ensureDovecotInstalled() {
  if (findDovecot()) return;
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "dovecot-imapd"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
