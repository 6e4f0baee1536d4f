import net from "node:net";
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLmtpServer, startLmtpServer } from "@/lib/mail/lmtp";
import { parseLmtpListen } from "@/lib/mail/lmtp-listen";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { buildRawMail, makeEmailAddress, messagesWithEmailId } from "../../support/mail";

let address: { id: number; email: string };
let server: net.Server;
let port: number;

beforeAll(async () => {
  const department = await makeDepartment();
  address = await makeEmailAddress({ departmentId: department.id, smtpPort: 2603 });
  server = await startLmtpServer({ host: "127.0.0.1", port: 0 }, { maxMessageBytes: 64 * 1024 });
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function customerMail(body = "My printer prints blank pages.") {
  const messageId = `<${unique("lmtp")}@customer.example.test>`;
  return { messageId, raw: buildRawMail({ from: `Lin Customer <${uniqueEmail("lmtp")}>`, to: address.email, subject: "Blank pages", messageId, body }) };
}

/** A raw LMTP conversation: writes `text`, then reads until `replies` final reply lines have come back. */
async function converse(text: string, replies: number, target: net.NetConnectOpts = { host: "127.0.0.1", port }): Promise<string[]> {
  const socket = net.connect(target);
  const lines: string[] = [];
  let pending = "";
  await new Promise<void>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      pending += chunk.toString("latin1");
      let end: number;
      while ((end = pending.indexOf("\r\n")) >= 0) {
        lines.push(pending.slice(0, end));
        pending = pending.slice(end + 2);
      }
      // The greeting is one more final line than the caller counts.
      if (lines.filter((line) => /^\d{3} /.test(line)).length >= replies + 1) resolve();
    });
    socket.once("connect", () => socket.write(text));
  });
  socket.destroy();
  return lines.filter((line) => /^\d{3} /.test(line)).slice(1);
}

describe("the LMTP door", () => {
  it("stores every message an MTA delivers over one connection, once each, as the pipe does", async () => {
    const transport = nodemailer.createTransport({ lmtp: true, host: "127.0.0.1", port, name: "mta.example.test", pool: true, maxConnections: 1 });
    const mails = [customerMail(), customerMail(), customerMail()];
    try {
      for (const mail of mails) {
        const info = await transport.sendMail({ envelope: { from: "bounce@example.test", to: [address.email] }, raw: mail.raw });
        expect(info.accepted).toEqual([address.email]);
        expect(info.response).toMatch(/^250 2\.0\.0 stored in ticket #\d+ \(new\)/);
      }
      // The same message again: accepted, and stored only once.
      const again = await transport.sendMail({ envelope: { from: "bounce@example.test", to: [address.email] }, raw: mails[0]!.raw });
      expect(again.response).toMatch(/^250 2\.0\.0 already stored/);
    } finally {
      transport.close();
    }
    for (const mail of mails) expect(await messagesWithEmailId(mail.messageId)).toHaveLength(1);
  });

  it("answers each recipient, undoes dot-stuffing and takes pipelined commands in order", async () => {
    const mail = customerMail("First line.\r\n.A line that began with a dot.\r\n..Two dots.");
    const stuffed = mail.raw.toString("latin1").replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
    const replies = await converse(
      `LHLO mta.example.test\r\nMAIL FROM:<bounce@example.test> SIZE=${stuffed.length}\r\nRCPT TO:<${address.email}>\r\nRCPT TO:<other@example.test>\r\nDATA\r\n` +
        `${stuffed}\r\n.\r\nNOOP\r\nQUIT\r\n`,
      9,
    );
    expect(replies.slice(0, 4)).toEqual(["250 SIZE 65536", "250 2.1.0 Sender OK", "250 2.1.5 Recipient OK", "250 2.1.5 Recipient OK"]);
    expect(replies[4]).toMatch(/^354 /);
    expect(replies[5]).toMatch(/^250 2\.0\.0 stored in ticket #\d+/);
    expect(replies[6]).toBe(replies[5]);
    expect(replies.slice(7)).toEqual(["250 2.0.0 OK", "221 2.0.0 Bye"]);
    const [stored] = await messagesWithEmailId(mail.messageId);
    expect(stored!.body).toMatch(/\r?\n\.A line that began with a dot\.\r?\n\.\.Two dots\./);
  });

  it("refuses what breaks the protocol or the size limit, and the session goes on", async () => {
    const big = customerMail("x".repeat(70 * 1024));
    const small = customerMail();
    const replies = await converse(
      "HELO mta.example.test\r\nMAIL FROM:<a@example.test>\r\nLHLO mta.example.test\r\nDATA\r\nMAIL FROM:<a@example.test> SIZE=999999\r\n" +
        `MAIL FROM:<a@example.test>\r\nRCPT TO:<${address.email}>\r\nDATA\r\n${big.raw.toString("latin1")}\r\n.\r\n` +
        `MAIL FROM:<a@example.test>\r\nRCPT TO:<${address.email}>\r\nDATA\r\n${small.raw.toString("latin1")}\r\n.\r\nFOO\r\n`,
      14,
    );
    expect(replies[0]).toBe("500 5.5.1 This is LMTP: say LHLO");
    expect(replies[1]).toBe("503 5.5.1 Say LHLO first");
    expect(replies[2]).toBe("250 SIZE 65536");
    expect(replies[3]).toBe("503 5.5.1 No recipients yet");
    expect(replies[4]).toMatch(/^552 5\.3\.4 /);
    expect(replies.slice(5, 7)).toEqual(["250 2.1.0 Sender OK", "250 2.1.5 Recipient OK"]);
    expect(replies[7]).toMatch(/^354 /);
    expect(replies[8]).toMatch(/^552 5\.3\.4 /);
    expect(replies[11]).toMatch(/^354 /);
    expect(replies[12]).toMatch(/^250 2\.0\.0 stored in ticket #\d+/);
    expect(replies[13]).toBe("500 5.5.2 Command not recognized");
    expect(await messagesWithEmailId(big.messageId)).toHaveLength(0);
    expect(await messagesWithEmailId(small.messageId)).toHaveLength(1);
  });

  it("answers 451 when the message cannot be stored now, so the MTA keeps it and retries", async () => {
    const failing = createLmtpServer({
      maxMessageBytes: 64 * 1024,
      deliver: () => Promise.reject(new Error("database unavailable")),
      log: () => undefined,
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    try {
      const mail = customerMail();
      const replies = await converse(
        `LHLO mta.example.test\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<${address.email}>\r\nDATA\r\n${mail.raw.toString("latin1")}\r\n.\r\n`,
        5,
        { host: "127.0.0.1", port: (failing.address() as net.AddressInfo).port },
      );
      expect(replies[4]).toBe("451 4.3.0 Cannot store the message now, try again later");
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it("listens on a Unix socket as LMTP_LISTEN says", async () => {
    expect(parseLmtpListen("2424")).toEqual({ host: "127.0.0.1", port: 2424 });
    expect(parseLmtpListen("[::1]:2424")).toEqual({ host: "::1", port: 2424 });
    expect(() => parseLmtpListen("mail.example.test")).toThrow(/LMTP_LISTEN/);
    const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), "helpdeck-lmtp-")), "lmtp.sock");
    const listen = parseLmtpListen(socketPath);
    const onSocket = await startLmtpServer(listen, { maxMessageBytes: 64 * 1024 });
    try {
      const mail = customerMail();
      const replies = await converse(`LHLO mta\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<${address.email}>\r\nDATA\r\n${mail.raw.toString("latin1")}\r\n.\r\n`, 5, {
        path: socketPath,
      });
      expect(replies[4]).toMatch(/^250 2\.0\.0 stored/);
      expect(await messagesWithEmailId(mail.messageId)).toHaveLength(1);
    } finally {
      await new Promise((resolve) => onSocket.close(resolve));
    }
  });
});
