// Where the LMTP door listens (LMTP_LISTEN): parsed here, with no imports, so that lib/env.ts can check
// it when the configuration loads, and lib/mail/lmtp.ts can use the result.

/** A Unix socket path, or a host and port (loopback when only a port is given). */
export type LmtpListen = { path: string } | { host: string; port: number };

const LISTEN_PATTERN = /^(?:(\/.+)|(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5}))$/;

/** Parses "/run/helpdeck/lmtp.sock", "2424", "127.0.0.1:2424" or "[::1]:2424"; throws on anything else. */
export function parseLmtpListen(value: string): LmtpListen {
  const match = LISTEN_PATTERN.exec(value.trim());
  if (!match) throw new Error(`LMTP_LISTEN must be a port, host:port or an absolute socket path, not "${value}"`);
  if (match[1]) return { path: match[1] };
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new Error(`LMTP_LISTEN: ${port} is not a port`);
  return { host: (match[2] ?? "127.0.0.1").replace(/^\[(.*)\]$/, "$1"), port };
}
