import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import { mergeTickets } from "@/lib/tickets/merge";
import { deleteNote, editNote } from "@/lib/tickets/notes";
import { listQueue } from "@/lib/tickets/queue";
import { addCustomerReply, addNote } from "@/lib/tickets/replies";
import { departmentMatch, indexWords, termsSql } from "@/lib/tickets/search";
import { TicketStatus } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { queueQuerySchema } from "@/lib/validation/tickets";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";

const queue = (overrides: Record<string, string> = {}) => queueQuerySchema.parse({ view: "all", ...overrides });
const word = (stem: string) => unique(stem).toLowerCase().replace(/[^a-z0-9]/g, "");
const found = async (actor: Parameters<typeof listQueue>[0], q: string, overrides: Record<string, string> = {}) =>
  (await listQueue(actor, queue({ q, ...overrides }), 100)).rows.map((r) => r.id).sort((a, b) => a - b);
const ids = (...list: { id: number }[]) => list.map((t) => t.id).sort((a, b) => a - b);

/** Closed tickets with no searchable words, newest first: enough to push older tickets out of the newest-tickets window. */
async function fillDepartment(departmentId: number, userId: number, count: number, subject = (i: number) => `Filler ${i}`) {
  const now = Date.now();
  await db.insert(tickets).values(
    Array.from({ length: count }, (_, i) => ({
      publicToken: randomBytes(24).toString("base64url"),
      subject: subject(i),
      userId,
      departmentId,
      status: TicketStatus.Closed,
      lastUpdateAt: new Date(now - i * 1000),
    })),
  );
}

describe("keyword search within an agent's departments", () => {
  it("builds one word-prefix group per word over the searched departments", () => {
    expect(indexWords("Printer, jam! ok E12")).toEqual(["Printer", "jam", "E12"]);
    expect(indexWords("a b")).toBeNull();
    expect(departmentMatch([2, 3], ["printer", "jam"])).toBe("+(d2xprinter* d3xprinter*) +(d2xjam* d3xjam*)");
  });

  it("never returns another department's ticket, whether the word is in the subject, a message or the requester", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const w = word("Quokka");
    const inSubject = await makeTicket({ userId: customer.id, departmentId: mine.id, subject: `Broken ${w} again` });
    const inMessage = await makeTicket({ userId: customer.id, departmentId: mine.id, message: `My ${w}s are gone.` });
    await makeTicket({ userId: customer.id, departmentId: other.id, subject: `Other ${w}` });
    await makeTicket({ userId: customer.id, departmentId: other.id, message: `Other ${w} message` });

    expect(await found(agent.actor, w)).toEqual(ids(inSubject, inMessage));
    // A department filter for a department the agent does not work in finds nothing.
    expect(await found(agent.actor, w, { department: String(other.id) })).toEqual([]);
    // The requester's name and email: only this department's tickets of theirs.
    expect(await found(agent.actor, customer.fullname)).toEqual(ids(inSubject, inMessage));
    expect(await found(agent.actor, customer.email)).toEqual(ids(inSubject, inMessage));
    // An admin sees both departments; with a department filter, only that one.
    const admin = await makeStaff({ role: "admin" });
    expect(await found(admin.actor, w)).toHaveLength(4);
    expect(await found(admin.actor, w, { department: String(mine.id) })).toEqual(ids(inSubject, inMessage));
  });

  it("keeps the old rule: word prefixes, all words in the subject or all in one message, email in requesters", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const a = word("Alpha");
    const b = word("Bravo");
    const both = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `${a} and ${b}` });
    const inOneMessage = await makeTicket({ userId: customer.id, departmentId: department.id, message: `First ${b}, then ${a}.` });
    // The words split between the subject and a message, or between two messages: not a match.
    const split = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `Only ${a}`, message: `Only ${b}` });
    await addCustomerReply(split.id, customer.id, { message: `Still ${a}`, via: "portal", autoResponse: false });

    expect(await found(agent.actor, `${a} ${b}`)).toEqual(ids(both, inOneMessage));
    // A word prefix matches; a piece from inside a word does not.
    expect(await found(agent.actor, a.slice(0, 6))).toEqual(ids(both, inOneMessage, split));
    expect(await found(agent.actor, a.slice(2))).toEqual([]);
    // Case does not matter.
    expect(await found(agent.actor, b.toUpperCase())).toEqual(ids(both, inOneMessage, split));
    // A query with punctuation also matches the subject as typed.
    expect(await found(agent.actor, `${a} and ${b}`)).toEqual(ids(both));
  });

  it("follows every write: replies, notes edited and deleted, transfers and merges", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: mine.id });
    const [reply, note, renamed, moved] = [word("Reply"), word("Note"), word("Renamed"), word("Moved")];

    await addCustomerReply(ticket.id, customer.id, { message: `A reply about ${reply}`, via: "portal", autoResponse: false });
    expect(await found(agent.actor, reply)).toEqual(ids(ticket));
    const { messageId } = await addNote(agent.actor, ticket.id, { message: `Internal ${note}` });
    expect(await found(agent.actor, note)).toEqual(ids(ticket));
    await editNote(agent.actor, messageId, `Internal ${renamed}`);
    expect(await found(agent.actor, note)).toEqual([]);
    expect(await found(agent.actor, renamed)).toEqual(ids(ticket));
    await deleteNote(agent.actor, messageId);
    expect(await found(agent.actor, renamed)).toEqual([]);

    // Transferred away: gone for the agent, found in the new department by the admin's filter.
    await updateTicket(admin.actor, ticket.id, { departmentId: other.id });
    expect(await found(agent.actor, reply)).toEqual([]);
    expect(await found(admin.actor, reply, { department: String(other.id) })).toEqual(ids(ticket));
    // A subject change by any writer.
    await db.update(tickets).set({ subject: `Now ${moved}`, departmentId: mine.id }).where(eq(tickets.id, ticket.id));
    expect(await found(agent.actor, moved)).toEqual(ids(ticket));
    expect(await found(admin.actor, moved, { department: String(other.id) })).toEqual([]);

    // A merge moves the source's messages (and their words) to the target's department.
    const source = await makeTicket({ userId: customer.id, departmentId: other.id, message: `Merged ${note}` });
    expect(await found(agent.actor, note)).toEqual([]);
    await mergeTickets(admin.actor, source.id, ticket.id);
    expect(await found(agent.actor, note)).toEqual(ids(ticket));

    // Every document the triggers wrote is what a rebuild would write (rebuildTicketSearch).
    const [rows] = (await db.execute(
      sql.raw(`SELECT s.message_id, s.terms = CASE WHEN s.message_id = 0 THEN ${termsSql("t.subject", "t.department_id")} ELSE ${termsSql("m.body", "t.department_id")} END AS same
               FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id LEFT JOIN messages m ON m.id = s.message_id WHERE s.ticket_id = ${ticket.id}`),
    )) as unknown as [{ message_id: number; same: number }[]];
    const [[{ messages: messageCount }]] = (await db.execute(sql`SELECT COUNT(*) AS messages FROM messages WHERE ticket_id = ${ticket.id}`)) as unknown as [[{ messages: number }]];
    expect(rows).toHaveLength(Number(messageCount) + 1);
    expect(rows.every((row) => Number(row.same) === 1)).toBe(true);
  });

  it("finds the one old match in the agent's departments of a word frequent in another department", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const w = word("Printer");
    const old = await makeTicket({ userId: customer.id, departmentId: mine.id, subject: `Old ${w} ticket` });
    await db.update(tickets).set({ lastUpdateAt: new Date(Date.now() - 30 * 86_400_000) }).where(eq(tickets.id, old.id));
    // Newer than it: 1,100 tickets without the word in the agent's department (more than the newest-tickets
    // window reads), and 1,200 with it in the other department.
    await fillDepartment(mine.id, customer.id, 1100);
    await fillDepartment(other.id, customer.id, 1200, (i) => `${w} jam ${i}`);

    const result = await listQueue(agent.actor, queue({ q: w }), 25);
    expect(result.rows.map((r) => r.id)).toEqual([old.id]);
    expect(result).toMatchObject({ total: 1, hasNext: false });
    expect(await found(agent.actor, "zzz" + w)).toEqual([]);
  });

  it("pages through older matches in the view's order with an exact total", async () => {
    const mine = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const w = word("Gasket");
    const monthAgo = Date.now() - 30 * 86_400_000;
    // 60 matching tickets a month old (one a minute), then 1,100 newer ones without the word.
    await fillDepartment(mine.id, customer.id, 60, (i) => `${w} leak ${i}`);
    await db.update(tickets).set({ lastUpdateAt: sql`FROM_UNIXTIME(${monthAgo / 1000}) - INTERVAL (id % 100000) SECOND` }).where(sql`${tickets.departmentId} = ${mine.id}`);
    await fillDepartment(mine.id, customer.id, 1100);
    const expected = (
      await db.select({ id: tickets.id }).from(tickets).where(sql`${tickets.departmentId} = ${mine.id} AND ${tickets.subject} LIKE ${`${w}%`}`).orderBy(sql`${tickets.lastUpdateAt} DESC, ${tickets.id} DESC`)
    ).map((r) => r.id);
    expect(expected).toHaveLength(60);
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await listQueue(agent.actor, queue({ q: w, page: String(page) }), 25);
      expect(result).toMatchObject({ total: 60, totalCapped: false, pageCount: 3, hasNext: page < 3 });
      seen.push(...result.rows.map((r) => r.id));
    }
    expect(seen).toEqual(expected);
  });
});
