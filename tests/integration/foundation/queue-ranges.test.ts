import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import { deleteTicket } from "@/lib/tickets/delete";
import { countQueueViews, listQueue } from "@/lib/tickets/queue";
import { TicketStatus } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { queueQuerySchema } from "@/lib/validation/tickets";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

const queue = (overrides: Record<string, string> = {}) => queueQuerySchema.parse({ view: "all", ...overrides });
const HOUR = 3600_000;

type Seeded = { id: number; departmentId: number; status: number; assignedStaffId: number | null; subject: string; lastUpdateAt: Date };

/**
 * Tickets spread over departments, every status, three assignees (an agent, another, nobody), subjects
 * that repeat and update times in groups of equal ones (ties broken by id), half of them overdue.
 */
async function seedSpread(departmentIds: number[], agentIds: number[], customerId: number, n: number): Promise<Seeded[]> {
  const base = Math.floor(Date.now() / 1000) * 1000 - HOUR;
  const rows = Array.from({ length: n }, (_, i) => ({
    publicToken: randomBytes(24).toString("base64url"),
    subject: `Range subject ${i % 7}`,
    userId: customerId,
    departmentId: departmentIds[i % departmentIds.length]!,
    status: 1 + (i % 5),
    assignedStaffId: [...agentIds, null][i % (agentIds.length + 1)]!,
    lastUpdateAt: new Date(base - Math.floor(i / 3) * (i % 2 ? 100 * HOUR : 60_000)),
  }));
  await db.insert(tickets).values(rows);
  const stored = await db
    .select({ id: tickets.id, departmentId: tickets.departmentId, status: tickets.status, assignedStaffId: tickets.assignedStaffId, subject: tickets.subject, lastUpdateAt: tickets.lastUpdateAt })
    .from(tickets)
    .where(inArray(tickets.departmentId, departmentIds));
  return stored;
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

describe("queue pages read as ordered ranges per (status, department)", () => {
  it("list the same tickets in the same order as one sorted pass, for every view, sort and page", async () => {
    const [one, two, elsewhere] = [await makeDepartment(), await makeDepartment(), await makeDepartment()];
    const agent = await makeStaff({ departmentIds: [one.id, two.id] });
    const other = await makeStaff({ departmentIds: [one.id, two.id, elsewhere.id] });
    const customer = await makeCustomer();
    const seeded = await seedSpread([one.id, two.id, elsewhere.id], [agent.id, other.id], customer.id, 150);
    const overdueBefore = Date.now() - 72 * HOUR;
    const inView: Record<string, (t: Seeded) => boolean> = {
      active: (t) => t.status !== TicketStatus.Closed,
      all: () => true,
      mine: (t) => t.assignedStaffId === agent.id && t.status !== TicketStatus.Closed,
      unassigned: (t) => t.assignedStaffId === null && t.status !== TicketStatus.Closed,
      open: (t) => t.status === TicketStatus.Open,
      overdue: (t) => [1, 3, 4].includes(t.status) && t.lastUpdateAt.getTime() < overdueBefore,
      closed: (t) => t.status === TicketStatus.Closed,
    };
    const sorts = [
      ["updated", "desc"],
      ["updated", "asc"],
      ["subject", "asc"],
      ["subject", "desc"],
    ] as const;
    for (const [view, matches] of Object.entries(inView)) {
      for (const [sort, dir] of sorts) {
        if ((view === "mine" || view === "unassigned") && sort === "subject") continue; // not served by ranges; covered elsewhere
        for (const department of [undefined, two.id]) {
          const visible = seeded.filter((t) => matches(t) && (department ? t.departmentId === department : t.departmentId !== elsewhere.id));
          const sign = dir === "asc" ? 1 : -1;
          const key = (t: Seeded) => (sort === "subject" ? t.subject : t.lastUpdateAt.getTime());
          const expected = visible.sort((a, b) => sign * (compare(key(a), key(b)) || compare(a.id, b.id))).map((t) => t.id);
          const seen: number[] = [];
          for (let page = 1; ; page++) {
            const params = { view, sort, dir, page: String(page), ...(department ? { department: String(department) } : {}) };
            const result = await listQueue(agent.actor, queue(params), 7);
            seen.push(...result.rows.map((r) => r.id));
            if (!result.hasNext) break;
          }
          expect(seen, `${view} by ${sort} ${dir}${department ? " in one department" : ""}`).toEqual(expected);
        }
      }
    }
  });

  it("keep the view counts equal to COUNT(*) through creates, status changes, transfers, reassignments and deletes", async () => {
    const [one, two, elsewhere] = [await makeDepartment(), await makeDepartment(), await makeDepartment()];
    const agent = await makeStaff({ departmentIds: [one.id, two.id] });
    const admin = await makeStaff({ role: "admin" });
    const customer = await makeCustomer();
    await seedSpread([one.id, two.id, elsewhere.id], [agent.id], customer.id, 40);
    const a = await makeTicket({ userId: customer.id, departmentId: one.id });
    const b = await makeTicket({ userId: customer.id, departmentId: two.id });
    const c = await makeTicket({ userId: customer.id, departmentId: elsewhere.id });

    const scope = inArray(tickets.departmentId, [one.id, two.id]);
    const notClosed = ne(tickets.status, TicketStatus.Closed);
    const countWhere = async (where: ReturnType<typeof and>) => Number((await db.select({ n: count() }).from(tickets).where(and(scope, where)))[0]!.n);
    const fromTable = async () => ({
      all: await countWhere(undefined),
      active: await countWhere(notClosed),
      mine: await countWhere(and(eq(tickets.assignedStaffId, agent.id), notClosed)),
      unassigned: await countWhere(and(isNull(tickets.assignedStaffId), notClosed)),
      open: await countWhere(eq(tickets.status, TicketStatus.Open)),
      answered: await countWhere(eq(tickets.status, TicketStatus.Answered)),
      awaiting: await countWhere(eq(tickets.status, TicketStatus.AwaitingReply)),
      "in-progress": await countWhere(eq(tickets.status, TicketStatus.InProgress)),
      overdue: await countWhere(
        and(inArray(tickets.status, [1, 3, 4]), lt(tickets.lastUpdateAt, sql`UTC_TIMESTAMP() - INTERVAL 72 HOUR`)),
      ),
      closed: await countWhere(eq(tickets.status, TicketStatus.Closed)),
    });
    expect(await countQueueViews(agent.actor, 72)).toEqual(await fromTable());

    await updateTicket(admin.actor, a.id, { status: TicketStatus.Closed });
    await updateTicket(admin.actor, b.id, { departmentId: elsewhere.id });
    await updateTicket(admin.actor, c.id, { departmentId: one.id, assignedStaffId: agent.id, status: TicketStatus.InProgress });
    expect(await countQueueViews(agent.actor, 72)).toEqual(await fromTable());

    await deleteTicket(c.id);
    await db.update(tickets).set({ status: TicketStatus.Answered }).where(and(scope, eq(tickets.status, TicketStatus.Open)));
    expect(await countQueueViews(agent.actor, 72)).toEqual(await fromTable());
  });
});
