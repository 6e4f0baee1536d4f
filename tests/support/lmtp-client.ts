// A minimal LMTP client (the bench's MTA, and the e2e test's), delivering as an MTA's delivery agent does: one connection kept
// open, LHLO once, then for each message MAIL, RCPT and DATA sent together (PIPELINING) and the message
// dot-stuffed. Sockets without Nagle's delay: nodemailer's LMTP client writes the final dot on its own,
// and that small write waited ~40 ms for the server's delayed ACK on every message (65 msg/s at most over
// 4 connections, whatever the server did).
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type LmtpConnection = { deliver(raw: Buffer, from: string, to: string): Promise<string>; close(): void };

/** Where the e2e server takes LMTP (tests/setup/e2e.ts): a Unix socket named after its test port. */
export const e2eLmtpSocket = (appUrl: string) => path.join(os.tmpdir(), `helpdeck-lmtp-${new URL(appUrl).port}.sock`);

export async function connectLmtp(target: net.NetConnectOpts): Promise<LmtpConnection> {
  const socket = net.connect(target);
  if (!("path" in target)) socket.setNoDelay(true);
  const finals: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let pending = "";
  let failure: Error | null = null;
  socket.on("error", (error) => {
    failure = error;
    for (const resolve of waiting.splice(0)) resolve(`000 ${error.message}`);
  });
  socket.on("data", (chunk: Buffer) => {
    pending += chunk.toString("latin1");
    let end: number;
    while ((end = pending.indexOf("\r\n")) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (!/^\d{3} /.test(line)) continue; // a continuation line of a multi-line reply
      const resolve = waiting.shift();
      if (resolve) resolve(line);
      else finals.push(line);
    }
  });
  const reply = () => (failure ? Promise.resolve(`000 ${(failure as Error).message}`) : new Promise<string>((resolve) => (finals.length ? resolve(finals.shift()!) : waiting.push(resolve))));
  const expect = async (code: string) => {
    const line = await reply();
    if (!line.startsWith(code)) throw new Error(`LMTP answered ${line}`);
    return line;
  };
  await expect("220");
  socket.write("LHLO bench-mta.test\r\n");
  await expect("250");
  return {
    async deliver(raw, from, to) {
      socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
      await expect("250");
      await expect("250");
      await expect("354");
      const stuffed = raw.toString("latin1").replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
      socket.write(Buffer.from(`${stuffed}${stuffed.endsWith("\r\n") ? "" : "\r\n"}.\r\n`, "latin1"));
      return expect("250");
    },
    close() {
      socket.end("QUIT\r\n");
    },
  };
}
