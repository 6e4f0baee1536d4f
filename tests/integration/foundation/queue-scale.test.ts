import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import { countQueueViews, formatQueueCount, listQueue, QUEUE_COUNT_CAP } from "@/lib/tickets/queue";
import { TicketStatus } from "@/lib/tickets/status";
import { queueQuerySchema } from "@/lib/validation/tickets";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";

const queue = (overrides: Record<string, string> = {}) => queueQuerySchema.parse({ view: "all", ...overrides });

/** Inserts tickets in one statement; `at(i)` gives each one's last update. */
async function insertTickets(count: number, input: { userId: number; departmentId: number; status?: number; subject?: (i: number) => string; at?: (i: number) => Date }) {
  const now = Date.now();
  await db.insert(tickets).values(
    Array.from({ length: count }, (_, i) => ({
      publicToken: randomBytes(24).toString("base64url"),
      subject: input.subject?.(i) ?? `Bulk ticket ${i}`,
      userId: input.userId,
      departmentId: input.departmentId,
      status: input.status ?? TicketStatus.Closed,
      lastUpdateAt: input.at?.(i) ?? new Date(now - i * 60_000),
    })),
  );
}

describe("the agent queue at scale", () => {
  it("counts every view exactly (Closed and All from the counters) and caps a big page total at 1,000+", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    await insertTickets(QUEUE_COUNT_CAP + 5, { userId: customer.id, departmentId: department.id });
    const open = await makeTicket({ userId: customer.id, departmentId: department.id });

    const counts = await countQueueViews(agent.actor, 72);
    expect(counts).toMatchObject({ all: QUEUE_COUNT_CAP + 6, closed: QUEUE_COUNT_CAP + 5, active: 1, open: 1, unassigned: 1, mine: 0 });

    const all = await listQueue(agent.actor, queue(), 25);
    expect(all).toMatchObject({ total: QUEUE_COUNT_CAP + 1, totalCapped: true, pageCount: null, hasNext: true, page: 1 });
    expect(formatQueueCount(all.total)).toBe("1,000+");
    expect(formatQueueCount(1)).toBe("1");
    expect(all.rows).toHaveLength(25);
    expect(all.rows[0]!.id).toBe(open.id);
    const active = await listQueue(agent.actor, queue({ view: "active" }), 25);
    expect(active).toMatchObject({ total: 1, totalCapped: false, pageCount: 1, hasNext: false });
    expect(active.rows.map((r) => r.id)).toEqual([open.id]);
  });

  it("pages through every ticket exactly once, in order, for each sort, even with equal update times", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const sameTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    // 23 tickets, their update times in groups of 4 equal ones, subjects repeating.
    await insertTickets(23, {
      userId: customer.id,
      departmentId: department.id,
      status: TicketStatus.Open,
      subject: (i) => `Subject ${i % 5}`,
      at: (i) => new Date(sameTime.getTime() - Math.floor(i / 4) * 60_000),
    });
    for (const [sort, dir] of [
      ["updated", "desc"],
      ["updated", "asc"],
      ["subject", "asc"],
      ["id", "desc"],
    ] as const) {
      const everything = (await listQueue(agent.actor, queue({ sort, dir }), 100)).rows.map((r) => r.id);
      expect(everything).toHaveLength(23);
      const seen: number[] = [];
      for (let page = 1; ; page++) {
        const result = await listQueue(agent.actor, queue({ sort, dir, page: String(page) }), 5);
        seen.push(...result.rows.map((r) => r.id));
        expect(result.pageCount).toBe(5);
        if (!result.hasNext) break;
      }
      expect(seen).toEqual(everything);
    }
  });

  it("searches subject words, message words and the requester's name within the agent's departments only", async () => {
    const department = await makeDepartment();
    const other = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const word = unique("wombat").toLowerCase();
    const inSubject = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `Broken ${word} again` });
    const inMessage = await makeTicket({ userId: customer.id, departmentId: department.id, message: `My ${word} is gone.` });
    await makeTicket({ userId: customer.id, departmentId: other.id, subject: `Other ${word}` });

    const found = await listQueue(agent.actor, queue({ q: word }), 10);
    expect(found.rows.map((r) => r.id).sort()).toEqual([inSubject.id, inMessage.id].sort());
    expect(found.total).toBe(2);
    expect((await listQueue(agent.actor, queue({ q: word, view: "closed" }), 10)).total).toBe(0);
    // The requester's name finds all their tickets here (and never the other department's).
    const byName = await listQueue(agent.actor, queue({ q: customer.fullname }), 10);
    expect(byName.rows.map((r) => r.id).sort()).toEqual([inSubject.id, inMessage.id].sort());
  });

  it("answers a common word from the newest tickets in order, without listing every match first", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const word = unique("gadget").toLowerCase();
    // 1,200 tickets, newest first; every third one names the word (capitalised), one only inside a longer word.
    await insertTickets(1200, {
      userId: customer.id,
      departmentId: department.id,
      subject: (i) => (i === 1 ? `Re${word} broken` : i % 3 === 0 ? `${word[0]!.toUpperCase()}${word.slice(1)} jam ${i}` : `Other ${i}`),
    });
    const expected = Array.from({ length: 1200 }, (_, i) => i).filter((i) => i % 3 === 0).map((i) => `${word[0]!.toUpperCase()}${word.slice(1)} jam ${i}`);

    const first = await listQueue(agent.actor, queue({ q: word }), 25);
    expect(first).toMatchObject({ totalUnknown: true, hasNext: true, pageCount: null, page: 1 });
    expect(first.rows.map((r) => r.subject)).toEqual(expected.slice(0, 25));
    const third = await listQueue(agent.actor, queue({ q: word, page: "3" }), 25);
    expect(third.rows.map((r) => r.subject)).toEqual(expected.slice(50, 75));
    // A view the window covers entirely is counted exactly.
    const small = await listQueue(agent.actor, queue({ q: word, view: "active" }), 25);
    expect(small).toMatchObject({ total: 0, totalUnknown: false, rows: [] });
  });
});
