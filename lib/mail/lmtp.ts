// The LMTP door (RFC 2033): the MTA hands messages to the running server over one long-lived connection,
// as it does to Dovecot or Cyrus. A pipe starts a process for every message, and on a small machine that
// start-up costs more than storing the message; over LMTP a delivery costs what ingest costs. Every
// message goes through the same ingest as the pipe and IMAP; a message that cannot be stored now gets a
// 4xx reply, so the MTA keeps it and retries (the pipe's exit 75).
import net from "node:net";
import { chmodSync, existsSync, unlinkSync } from "node:fs";
import os from "node:os";
import { describeIngest, ingest, MAX_INBOUND_BYTES, type IngestResult } from "./ingest";
import type { LmtpListen } from "./lmtp-listen";

export type LmtpOptions = {
  /** Larger messages are refused (552) after they have been read; the session goes on. Default: MAX_INBOUND_BYTES. */
  maxMessageBytes?: number;
  /** Stores one message; ingest unless a test replaces it. */
  deliver?: (raw: Buffer) => Promise<IngestResult>;
  /** A line per delivery that could not be stored (default: console.error). */
  log?: (line: string) => void;
};

/** A session waits this long for the MTA's next command before it says goodbye. */
const IDLE_MS = 5 * 60_000;
/** Command lines longer than this are refused (RFC 5321 allows 512 octets; extensions add some). */
const MAX_COMMAND_BYTES = 4096;
const MAX_RECIPIENTS = 100;
const CRLF = Buffer.from("\r\n");
const TOO_LARGE = "552 5.3.4 The message is larger than this help desk accepts";

/** One reply line without line breaks (a reason may quote the message). */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").slice(0, 400);

class LmtpSession {
  private input: Buffer = Buffer.alloc(0);
  private greeted = false;
  private sender: string | null = null;
  private recipients: string[] = [];
  /** While reading a message: its lines so far, their size, and whether it has outgrown the limit. */
  private data: { chunks: Buffer[]; bytes: number; tooLarge: boolean } | null = null;
  private busy = false;
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: Required<LmtpOptions>,
  ) {}

  start() {
    // Replies are small and the MTA waits for each: Nagle's delay would hold them for the client's ACK.
    this.socket.setNoDelay(true);
    this.socket.setTimeout(IDLE_MS, () => this.close("421 4.4.2 Idle for too long, closing"));
    this.socket.on("data", (chunk: Buffer) => {
      this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
      void this.pump();
    });
    this.socket.on("error", () => this.socket.destroy());
    this.socket.on("close", () => (this.closed = true));
    this.reply(`220 ${os.hostname()} LMTP Helpdeck ready`);
  }

  private reply(...lines: string[]) {
    if (!this.closed) this.socket.write(lines.map((line) => `${line}\r\n`).join(""));
  }

  private close(line: string) {
    this.reply(line);
    this.closed = true;
    this.socket.end();
  }

  /** Handles every complete line in order; a delivery holds the lines after it until it is answered. */
  private async pump() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.closed) {
        const end = this.input.indexOf(10);
        if (end < 0) {
          if (!this.data && this.input.length > MAX_COMMAND_BYTES) this.close("500 5.5.6 Line too long, closing");
          // A message line without end longer than any message accepted: no need to keep it.
          if (this.data && this.input.length > this.options.maxMessageBytes) {
            this.data = { chunks: [], bytes: this.data.bytes + this.input.length, tooLarge: true };
            this.input = Buffer.alloc(0);
          }
          return;
        }
        const line = this.input.subarray(0, end > 0 && this.input[end - 1] === 13 ? end - 1 : end);
        this.input = this.input.subarray(end + 1);
        if (this.data) await this.dataLine(line);
        else this.command(line.toString("latin1"));
      }
    } finally {
      this.busy = false;
    }
  }

  private async dataLine(line: Buffer) {
    const data = this.data!;
    if (line.length === 1 && line[0] === 0x2e) {
      this.data = null;
      await this.deliver(data.tooLarge ? null : Buffer.concat(data.chunks));
      return;
    }
    // Dot-stuffing: a line the MTA began with a dot carries one more.
    const content = line[0] === 0x2e ? line.subarray(1) : line;
    data.bytes += content.length + 2;
    if (data.bytes > this.options.maxMessageBytes) {
      data.tooLarge = true;
      data.chunks = [];
    }
    if (!data.tooLarge) data.chunks.push(content, CRLF);
  }

  private command(line: string) {
    const [verb = "", ...rest] = line.trim().split(/\s+/);
    const argument = rest.join(" ");
    switch (verb.toUpperCase()) {
      case "LHLO":
        if (!argument) return this.reply("501 5.5.4 LHLO needs a domain");
        this.greeted = true;
        this.resetTransaction();
        return this.reply(
          `250-${os.hostname()}`,
          "250-PIPELINING",
          "250-8BITMIME",
          "250-ENHANCEDSTATUSCODES",
          `250 SIZE ${this.options.maxMessageBytes}`,
        );
      case "HELO":
      case "EHLO":
        return this.reply("500 5.5.1 This is LMTP: say LHLO");
      case "MAIL": {
        if (!this.greeted) return this.reply("503 5.5.1 Say LHLO first");
        if (this.sender !== null) return this.reply("503 5.5.1 A transaction is already open");
        const from = /^FROM:\s*<([^>]*)>(.*)$/i.exec(argument);
        if (!from) return this.reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        const size = /\bSIZE=(\d+)/i.exec(from[2] ?? "");
        if (size && Number(size[1]) > this.options.maxMessageBytes) return this.reply(TOO_LARGE);
        this.sender = from[1]!;
        return this.reply("250 2.1.0 Sender OK");
      }
      case "RCPT": {
        if (this.sender === null) return this.reply("503 5.5.1 Say MAIL first");
        const to = /^TO:\s*<([^>]+)>/i.exec(argument);
        if (!to) return this.reply("501 5.5.4 Syntax: RCPT TO:<address>");
        if (this.recipients.length >= MAX_RECIPIENTS) return this.reply("452 4.5.3 Too many recipients");
        this.recipients.push(to[1]!);
        return this.reply("250 2.1.5 Recipient OK");
      }
      case "DATA":
        if (this.sender === null || this.recipients.length === 0) return this.reply("503 5.5.1 No recipients yet");
        this.data = { chunks: [], bytes: 0, tooLarge: false };
        return this.reply("354 2.0.0 Send the message, end with a line holding one dot");
      case "RSET":
        this.resetTransaction();
        return this.reply("250 2.0.0 OK");
      case "NOOP":
        return this.reply("250 2.0.0 OK");
      case "VRFY":
        return this.reply("252 2.5.2 Cannot verify, send the message");
      case "QUIT":
        return this.close("221 2.0.0 Bye");
      default:
        return this.reply("500 5.5.2 Command not recognized");
    }
  }

  private resetTransaction() {
    this.sender = null;
    this.recipients = [];
  }

  /**
   * Stores the message once, whatever the number of recipients (ingest routes it by its own headers),
   * and answers each recipient with the outcome, as LMTP asks.
   */
  private async deliver(raw: Buffer | null) {
    const count = this.recipients.length;
    this.resetTransaction();
    let line: string;
    if (!raw) line = TOO_LARGE;
    else if (raw.length === 0) line = "250 2.0.0 Empty message, nothing to store";
    else {
      try {
        line = `250 2.0.0 ${oneLine(describeIngest(await this.options.deliver(raw)))}`;
      } catch (error) {
        this.options.log(`LMTP: cannot store a message now, the MTA will retry: ${error instanceof Error ? error.message : String(error)}`);
        line = "451 4.3.0 Cannot store the message now, try again later";
      }
    }
    this.reply(...Array.from({ length: count }, () => line));
  }
}

export function createLmtpServer(options: LmtpOptions): net.Server {
  const resolved: Required<LmtpOptions> = {
    maxMessageBytes: MAX_INBOUND_BYTES,
    deliver: (raw) => ingest(raw, "pipe"),
    log: (line) => console.error(line),
    ...options,
  };
  return net.createServer((socket) => new LmtpSession(socket, resolved).start());
}

/**
 * Starts the LMTP door where LMTP_LISTEN says. A Unix socket left over from a previous run is
 * replaced, and opened to every local user (as a loopback port is): the MTA runs as its own user.
 */
export async function startLmtpServer(listen: LmtpListen, options: LmtpOptions = {}): Promise<net.Server> {
  const server = createLmtpServer(options);
  if ("path" in listen && existsSync(listen.path)) unlinkSync(listen.path);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if ("path" in listen) server.listen(listen.path, resolve);
    else server.listen(listen.port, listen.host, resolve);
  });
  if ("path" in listen) chmodSync(listen.path, 0o666);
  return server;
}
