import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages, tickets } from "@/db/schema";
import { addNote } from "@/lib/tickets/replies";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { expectAllStrings, expectError, expectRecentUnix, expectSuccess, get, makeApiKey, post } from "./support";

async function setup() {
  const department = await makeDepartment();
  const customer = await makeCustomer();
  const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, message: "Opening message" });
  return { department, customer, ticket };
}

describe("token API: messages", () => {
  it("lists a ticket's public thread at /{ticket_id}, /show/{ticket_id} and ?ticket_id, without internal notes", async () => {
    const key = await makeApiKey({ permissions: ["messages/read", "messages/create"] });
    const { ticket } = await setup();
    const admin = await makeStaff({ role: "admin" });
    await post("/api/messages/create", key.token, { ticket_id: String(ticket.id), message: "Staff answer", replier: "staff", staff_id: String(admin.id) });
    await addNote(admin.actor, ticket.id, { message: "Internal: customer is grumpy" });

    for (const path of [`/api/messages/${ticket.id}`, `/api/messages/show/${ticket.id}`, `/api/messages?ticket_id=${ticket.id}`]) {
      const result = await get(path, key.token);
      expectSuccess(result);
      expect(result.body).toMatchObject({ pages: 1, total_replies: 2 });
      const list = result.body.messages as Record<string, string>[];
      list.forEach(expectAllStrings);
      expect(list.map((m) => Object.keys(m).sort())[0]).toEqual(["customer", "date", "id", "message", "staff_id"]);
      expect(list[0]).toMatchObject({ customer: "1", staff_id: "0", message: "Opening message" });
      expect(list[1]).toMatchObject({ customer: "0", staff_id: String(admin.id), message: "Staff answer" });
      expectRecentUnix(list[0]!.date);
      expect(JSON.stringify(list)).not.toContain("grumpy");
    }
    expectError(await get("/api/messages/999999999", key.token), 200, "Ticket not found.");
  });

  it("adds a customer reply: the ticket awaits staff and counts the reply", async () => {
    const key = await makeApiKey({ permissions: ["messages/create"] });
    const { ticket, customer } = await setup();
    const result = await post("/api/messages/create", key.token, { ticket_id: String(ticket.id), message: "Any news?", replier: "user" });
    expect(result.body).toEqual({ success: 1, message_id: expect.any(Number), message: "Message was created and added to ticket." });
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: 3, replies: 1, lastReplierType: "user", userId: customer.id });
  });

  it("adds a staff reply that records its staff member as last replier, and closes with close=1", async () => {
    const key = await makeApiKey({ permissions: ["messages/create"] });
    const { ticket } = await setup();
    const agent = await makeStaff({ departmentIds: [] });
    expectSuccess(await post("/api/messages", key.token, {}, { json: { ticket_id: ticket.id, message: "Fixed.", replier: "staff", staff_id: agent.id } }));
    let [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: 2, replies: 1, lastReplierType: "staff", lastReplierStaffId: agent.id });

    expectSuccess(await post("/api/messages/create", key.token, { ticket_id: String(ticket.id), message: "Closing.", replier: "staff", staff_id: String(agent.id), close: "1" }));
    [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ status: 5, replies: 2 });
    expect(row!.closedAt).not.toBeNull();
  });

  it("keeps an HTML body as sanitized HTML, as HelpDeskZ purifies it, and plain text as text", async () => {
    const key = await makeApiKey({ permissions: ["messages/read", "messages/create"] });
    const { ticket } = await setup();
    await post("/api/messages/create", key.token, {
      ticket_id: String(ticket.id),
      message: '<p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror="alert(2)">',
      replier: "user",
    });
    await post("/api/messages/create", key.token, { ticket_id: String(ticket.id), message: "2 < 3 and 4 > 1", replier: "user" });
    const thread = await db.select({ body: messages.body, bodyFormat: messages.bodyFormat }).from(messages).where(eq(messages.ticketId, ticket.id));
    expect(thread[1]!.bodyFormat).toBe("html");
    expect(thread[1]!.body).toContain("<p>Hello <b>there</b></p>");
    expect(thread[1]!.body).not.toMatch(/script|onerror/);
    expect(thread[2]).toEqual({ body: "2 < 3 and 4 > 1", bodyFormat: "text" });
    const listed = await get(`/api/messages/${ticket.id}`, key.token);
    expect(JSON.stringify(listed.body)).not.toContain("<script>");
  });

  it("validates in HelpDeskZ's words", async () => {
    const key = await makeApiKey({ permissions: ["messages/create"] });
    const { ticket } = await setup();
    expectError(await post("/api/messages/create", key.token, {}), 200, "Ticket ID is missing. Message is missing. Replier is missing.");
    expectError(await post("/api/messages/create", key.token, { ticket_id: "999999999", message: "m", replier: "user" }), 200, "Ticket not found.");
    expectError(await post("/api/messages/create", key.token, { ticket_id: "abc", message: "m", replier: "user" }), 200, "Ticket not found.");
    const base = { ticket_id: String(ticket.id), message: "m" };
    expectError(await post("/api/messages/create", key.token, { ...base, replier: "bot" }), 200, "Invalid replier.");
    expectError(await post("/api/messages/create", key.token, { ...base, replier: "staff" }), 200, "Staff ID is missing.");
    expectError(await post("/api/messages/create", key.token, { ...base, replier: "staff", staff_id: "-3" }), 200, "Invalid Staff ID.");
    expectError(await post("/api/messages/create", key.token, { ...base, replier: "staff", staff_id: "999999999" }), 200, "Staff ID not found.");
  });

  it("pages a long thread", async () => {
    const key = await makeApiKey({ permissions: ["messages/read", "messages/create"] });
    const { ticket } = await setup();
    for (let i = 0; i < 25; i++) await post("/api/messages/create", key.token, { ticket_id: String(ticket.id), message: `Reply ${i}`, replier: "user" });
    const page2 = await get(`/api/messages/${ticket.id}?page=2`, key.token);
    expect(page2.body).toMatchObject({ pages: 2, total_replies: 26 });
    expect((page2.body.messages as { message: string }[]).map((m) => m.message)).toEqual(["Reply 24"]);
  });
});
