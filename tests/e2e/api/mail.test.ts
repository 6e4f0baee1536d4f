// The MTA pipe over HTTP: POST /api/mail against the running app, and scripts/mail-pipe.sh (the curl
// forwarder an MTA runs) with the exit codes the MTA acts on.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRawMail, getTicketRow, makeEmailAddress, messagesWithEmailId, runHttpPipe as forward } from "../../support/mail";
import { makeDepartment, unique, uniqueEmail } from "../../support/factories";
import { baseUrl, expectError, expectSuccess, makeApiKey, type ApiResult } from "./support";

let desk: string;
let token: string;

beforeAll(async () => {
  const department = await makeDepartment();
  desk = (await makeEmailAddress({ departmentId: department.id, smtpPort: 9 })).email;
  token = (await makeApiKey({ permissions: ["mail/create"] })).token;
});

function customerMail(overrides: Partial<Parameters<typeof buildRawMail>[0]> = {}) {
  const messageId = `<${unique("m")}@customer.example.test>`;
  const raw = buildRawMail({ from: `Ada <${uniqueEmail("ada")}>`, to: desk, subject: "The printer is on fire", messageId, ...overrides });
  return { messageId, raw };
}

async function deliver(raw: Buffer, key: string | null, options: { path?: string; type?: string } = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { "Content-Type": options.type ?? "message/rfc822" };
  if (key) headers.Token = key;
  const response = await fetch(`${baseUrl}${options.path ?? "/api/mail"}`, { method: "POST", headers, body: new Uint8Array(raw) });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe("POST /api/mail: the MTA pipe over HTTP", () => {
  it("stores a message as a new ticket and its answer as a reply in that ticket", async () => {
    const first = customerMail();
    const opened = await deliver(first.raw, token);
    expectSuccess(opened);
    expect(opened.body).toMatchObject({ status: "stored", new_ticket: 1 });
    const ticketId = opened.body.ticket_id as number;
    expect(await getTicketRow(ticketId)).toMatchObject({ subject: "The printer is on fire" });

    const answer = customerMail({ subject: "Re: The printer is on fire", inReplyTo: first.messageId, body: "It is still burning." });
    const replied = await deliver(answer.raw, token, { path: "/api/mail/create", type: "application/octet-stream" });
    expectSuccess(replied);
    expect(replied.body).toMatchObject({ status: "stored", ticket_id: ticketId, new_ticket: 0 });
    const [stored] = await messagesWithEmailId(answer.messageId);
    expect(stored).toMatchObject({ ticketId, body: "It is still burning." });
  });

  it("answers a re-delivery with HTTP 200 'duplicate' and stores it once", async () => {
    const mail = customerMail();
    expectSuccess(await deliver(mail.raw, token));
    const again = await deliver(mail.raw, token);
    expectSuccess(again);
    expect(again.body.status).toBe("duplicate");
    expect(await messagesWithEmailId(mail.messageId)).toHaveLength(1);
  });

  it("answers mail it ignores or keeps in the dead-letter list with HTTP 200 and what happened", async () => {
    const loop = await deliver(customerMail({ from: `Help Desk <${desk}>` }).raw, token);
    expectSuccess(loop);
    expect(loop.body).toEqual({ success: 1, status: "ignored", message: "ignored: Sent from the help desk's own address (mail loop)." });
    const anonymous = await deliver(customerMail({ from: null }).raw, token);
    expectSuccess(anonymous);
    expect(anonymous.body).toMatchObject({ status: "dead-lettered", message: "kept in the dead-letter list: The message has no sender address." });
  });

  it("refuses a key without the mail permission, and a request without a token, in HelpDeskZ's error shape", async () => {
    const readOnly = await makeApiKey({ permissions: ["tickets/read"] });
    const mail = customerMail();
    expectError(await deliver(mail.raw, readOnly.token), 400, "Permission not allowed: Deliver inbound email (MTA pipe).");
    expectError(await deliver(mail.raw, null), 400, "Invalid authentication.");
    expect(await messagesWithEmailId(mail.messageId)).toHaveLength(0);
  });

  it("applies the key's IP allow-list", async () => {
    const elsewhere = await makeApiKey({ permissions: ["mail/create"], ipAllowlist: "192.0.2.1" });
    expectError(await deliver(customerMail().raw, elsewhere.token), 400, "IP address `127.0.0.1 is not allowed.");
  });

  it("refuses a body that is not a raw message (HTTP 415) and an empty one", async () => {
    const form = await deliver(Buffer.from("subject=hello"), token, { type: "application/x-www-form-urlencoded" });
    expectError(form, 415, "Send the raw message as the body, with Content-Type: message/rfc822.");
    expectError(await deliver(Buffer.alloc(0), token), 200, "The message is empty: nothing to store.");
  });
});

describe("scripts/mail-pipe.sh: the curl forwarder", () => {
  it("exits 0 when the help desk stored the message, with the token from the environment or a file", async () => {
    const mail = customerMail();
    const result = await forward(mail.raw, { HELPDECK_URL: baseUrl, HELPDECK_PIPE_TOKEN: token });
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stderr).toMatch(/^mail-pipe\.sh: stored in ticket #\d+ \(new\)\n$/);
    expect(await messagesWithEmailId(mail.messageId)).toHaveLength(1);

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pipe-token-")), "token");
    writeFileSync(file, `${token}\n`);
    const viaFile = await forward(customerMail().raw, { HELPDECK_URL: `${baseUrl}/`, HELPDECK_PIPE_TOKEN_FILE: file });
    expect(viaFile, viaFile.stderr).toMatchObject({ code: 0 });
    const viaArgs = await forward(customerMail().raw, {}, [baseUrl, token]);
    expect(viaArgs, viaArgs.stderr).toMatchObject({ code: 0 });
  });

  it("exits 75 when the help desk is down, so the MTA keeps the message", async () => {
    const mail = customerMail();
    const result = await forward(mail.raw, { HELPDECK_URL: "http://127.0.0.1:9", HELPDECK_PIPE_TOKEN: token });
    expect(result.code).toBe(75);
    expect(result.stderr).toMatch(/^mail-pipe\.sh: cannot reach http:\/\/127\.0\.0\.1:9 .*; the MTA will retry\n$/);
  });

  it("exits 75 on a wrong token or a key without the permission (a misconfiguration must not lose mail)", async () => {
    const wrong = await forward(customerMail().raw, { HELPDECK_URL: baseUrl, HELPDECK_PIPE_TOKEN: "hdk_not-a-real-token" });
    expect(wrong.code).toBe(75);
    expect(wrong.stderr).toBe("mail-pipe.sh: the help desk answered HTTP 400: Invalid authentication.; the MTA will retry\n");
    const readOnly = await makeApiKey({ permissions: ["tickets/read"] });
    const refused = await forward(customerMail().raw, { HELPDECK_URL: baseUrl, HELPDECK_PIPE_TOKEN: readOnly.token });
    expect(refused.code).toBe(75);
    expect(refused.stderr).toMatch(/HTTP 400: Permission not allowed/);
  });

  it("exits 75 with a clear message when it is not configured or curl is missing", async () => {
    const unset = await forward(customerMail().raw, {});
    expect(unset.code).toBe(75);
    expect(unset.stderr).toMatch(/no help desk URL/);
    const noCurl = await forward(customerMail().raw, { PATH: "/nonexistent", HELPDECK_URL: baseUrl, HELPDECK_PIPE_TOKEN: token });
    expect(noCurl.code).toBe(75);
    expect(noCurl.stderr).toMatch(/curl is not installed/);
  });
});
