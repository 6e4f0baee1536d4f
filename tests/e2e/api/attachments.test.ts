import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments } from "@/db/schema";
import { makeCustomer, makeDepartment, makeTicket } from "../../support/factories";
import { call, expectAllStrings, expectError, expectSuccess, get, makeApiKey, post } from "./support";

function form(fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append("attachment[]", new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return body;
}

describe("token API: attachments", () => {
  it("round-trips files: multipart ticket create, list by ticket_id and msg_id, download with equal bytes, delete", async () => {
    const key = await makeApiKey();
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(40_000)]); // stored types are checked against the bytes
    const text = Buffer.from("log line 1\nlog line 2\n");
    const created = await call("POST", "/api/tickets/create", {
      token: key.token,
      multipart: form(
        { opener: "user", user_id: String(customer.id), department_id: String(department.id), subject: "With files", body: "See attached." },
        [
          { name: "report.pdf", type: "application/pdf", data: pdf },
          { name: "app.log", type: "text/plain", data: text },
        ],
      ),
    });
    expectSuccess(created);
    const ticketId = created.body.ticket_id as number;

    // Another ticket's file must not show up under this ticket's filter.
    const other = await makeTicket({ userId: customer.id, departmentId: department.id });
    const reply = await call("POST", "/api/messages/create", {
      token: key.token,
      multipart: form({ ticket_id: String(other.id), message: "Here", replier: "user" }, [{ name: "other.txt", type: "text/plain", data: Buffer.from("x") }]),
    });
    expectSuccess(reply);

    const list = await get(`/api/attachments?ticket_id=${ticketId}`, key.token);
    expectSuccess(list);
    const files = list.body.files as Record<string, string>[];
    files.forEach(expectAllStrings);
    expect(files.map((f) => f.name)).toEqual(["report.pdf", "app.log"]);
    expect(files[0]).toMatchObject({ filetype: "application/pdf", size: String(pdf.length) });
    expect(Object.keys(files[0]!).sort()).toEqual(["filetype", "id", "msg_id", "name", "size"]);

    const byMessage = await get(`/api/attachments?msg_id=${reply.body.message_id}`, key.token);
    expect((byMessage.body.files as { name: string }[]).map((f) => f.name)).toEqual(["other.txt"]);

    for (const path of [`/api/attachments/show/${files[0]!.id}`, `/api/attachments/${files[0]!.id}`]) {
      const download = await get(path, key.token);
      expectSuccess(download);
      expect(download.body).toMatchObject({ name: "report.pdf", filetype: "application/pdf", size: String(pdf.length) });
      expect(Buffer.from(download.body.content as string, "base64").equals(pdf)).toBe(true);
    }

    const removed = await post(`/api/attachments/delete/${files[1]!.id}`, key.token);
    expect(removed.body).toEqual({ success: 1, message: "File was removed from servers." });
    expect(await db.select().from(attachments).where(eq(attachments.id, Number(files[1]!.id)))).toEqual([]);
    expectError(await get(`/api/attachments/${files[1]!.id}`, key.token), 200, "Attachment not found.");
    expectError(await post(`/api/attachments/delete/${files[1]!.id}`, key.token), 200, "Attachment not found.");
  });

  it("accepts a single `attachment` part on a message and keeps the bytes", async () => {
    const key = await makeApiKey();
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const image = randomBytes(5_000);
    const body = new FormData();
    body.append("ticket_id", String(ticket.id));
    body.append("message", "Screenshot");
    body.append("replier", "user");
    body.append("attachment", new Blob([new Uint8Array(image)], { type: "image/png" }), "screen.png");
    const reply = await call("POST", "/api/messages/create", { token: key.token, multipart: body });
    expectSuccess(reply);
    const list = await get(`/api/attachments?msg_id=${reply.body.message_id}`, key.token);
    const [file] = list.body.files as { id: string }[];
    const download = await get(`/api/attachments/${file!.id}`, key.token);
    expect(Buffer.from(download.body.content as string, "base64").equals(image)).toBe(true);
  });

  it("refuses a file type the help desk does not accept, and creates nothing", async () => {
    const key = await makeApiKey();
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const result = await call("POST", "/api/tickets/create", {
      token: key.token,
      multipart: form(
        { opener: "user", user_id: String(customer.id), department_id: String(department.id), subject: "Bad file", body: "b" },
        [{ name: "virus.exe", type: "application/octet-stream", data: Buffer.from("MZ") }],
      ),
    });
    expect(result.body.error).toBe(1);
    expect(result.status).toBe(200);
    expect(result.body.message).toMatch(/^virus\.exe: this file type is not accepted/);
    const tickets = await get(`/api/tickets?user_id=${customer.id}`, key.token);
    expect(tickets.body.total_tickets).toBe(0);
  });

  it("says when an attachment does not exist, and lists nothing for a non-numeric filter", async () => {
    const key = await makeApiKey();
    expectError(await get("/api/attachments/999999999", key.token), 200, "Attachment not found.");
    expect((await get("/api/attachments?ticket_id=abc", key.token)).body).toEqual({ success: 1, files: [] });
  });
});
