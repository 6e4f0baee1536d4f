import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db, pool } from "@/db";
import { tickets } from "@/db/schema";
import { listTicketsPage } from "@/lib/api/queries";
import { bulkDeleteTickets, bulkUpdateTickets } from "@/lib/tickets/bulk";
import { countTickets, countTicketsFromCounters, countTicketsFromTable, TICKET_ID_BLOCK } from "@/lib/tickets/counts";
import { deleteTicket } from "@/lib/tickets/delete";
import { mergeTickets } from "@/lib/tickets/merge";
import { addCustomerReply, addStaffReply, closeTicketAsCustomer } from "@/lib/tickets/replies";
import { TicketStatus } from "@/lib/tickets/status";
import { updateTicket } from "@/lib/tickets/update";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

const byKey = <T extends { departmentId: number; status: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.departmentId - b.departmentId || a.status - b.status);

/**
 * The counters and a fresh COUNT(*) GROUP BY, read in one consistent snapshot so that other test
 * files writing tickets at the same time cannot make them differ.
 */
async function expectCountersMatchTable() {
  const { counters, table, blocks } = await db.transaction(
    async (tx) => {
      const counters = await countTicketsFromCounters(tx);
      const table = await countTicketsFromTable(tx);
      const [blockRows] = (await tx.execute(sql`
        SELECT COALESCE(c.block, t.block) AS block, COALESCE(c.n, 0) AS counted, COALESCE(t.n, 0) AS actual
        FROM (SELECT block, SUM(tickets) AS n FROM ticket_id_blocks GROUP BY block) c
        LEFT JOIN (SELECT id DIV ${TICKET_ID_BLOCK} AS block, COUNT(*) AS n FROM tickets GROUP BY block) t ON t.block = c.block
        UNION
        SELECT t.block, 0, t.n FROM (SELECT id DIV ${TICKET_ID_BLOCK} AS block, COUNT(*) AS n FROM tickets GROUP BY block) t
        WHERE NOT EXISTS (SELECT 1 FROM ticket_id_blocks b WHERE b.block = t.block)`)) as unknown as [
        { block: number; counted: number; actual: number }[],
      ];
      return { counters, table, blocks: blockRows };
    },
    { isolationLevel: "repeatable read", withConsistentSnapshot: true },
  );
  expect(byKey(counters)).toEqual(byKey(table));
  expect(blocks.filter((b) => Number(b.counted) !== Number(b.actual))).toEqual([]);
}

async function statusOf(ticketId: number) {
  const [row] = await db.select({ status: tickets.status, departmentId: tickets.departmentId }).from(tickets).where(eq(tickets.id, ticketId));
  return row;
}

describe("ticket counters (kept by triggers on tickets)", () => {
  it("stay equal to COUNT(*) GROUP BY department and status through creates, replies, transfers, closes, merges, deletes and bulk updates", async () => {
    const first = await makeDepartment();
    const second = await makeDepartment();
    const admin = await makeStaff({ role: "admin", departmentIds: [first.id, second.id] });
    const customer = await makeCustomer();
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await makeTicket({ userId: customer.id, departmentId: first.id }));
    const ids = made.map((t) => t.id);
    await expectCountersMatchTable();
    expect(await countTickets({ departmentId: first.id })).toBe(6);
    expect(await countTickets({ departmentId: first.id, status: TicketStatus.Open })).toBe(6);

    // Replies change the status: Awaiting reply after the customer, Answered after staff.
    await addCustomerReply(ids[0]!, customer.id, { message: "Any news?", via: "api" });
    await addStaffReply(admin.actor, ids[1]!, { message: "Looking into it." });
    expect((await statusOf(ids[0]!))?.status).toBe(TicketStatus.AwaitingReply);
    expect((await statusOf(ids[1]!))?.status).toBe(TicketStatus.Answered);
    await expectCountersMatchTable();
    expect(await countTickets({ departmentId: first.id, status: TicketStatus.Open })).toBe(4);

    // Transfer, status change and close (staff, then the customer).
    await updateTicket(admin.actor, ids[2]!, { departmentId: second.id, status: TicketStatus.InProgress });
    await updateTicket({ type: "api", id: 1 }, ids[3]!, { status: TicketStatus.Closed });
    await closeTicketAsCustomer(ids[4]!, { type: "user", id: customer.id });
    await expectCountersMatchTable();
    expect(await countTickets({ departmentId: second.id })).toBe(1);
    expect(await countTickets({ departmentId: first.id, status: TicketStatus.Closed })).toBe(2);

    // Merge closes the source; a reply to a closed ticket reopens it (Awaiting reply).
    await mergeTickets(admin.actor, ids[5]!, ids[0]!);
    await addCustomerReply(ids[3]!, customer.id, { message: "Still broken.", via: "api" });
    await expectCountersMatchTable();

    // Bulk updates through lib, and a bulk statement straight in SQL (as an import or a fix-up would).
    await bulkUpdateTickets(admin.actor, [ids[0]!, ids[1]!, ids[3]!], { status: TicketStatus.InProgress, departmentId: second.id });
    await expectCountersMatchTable();
    await db.update(tickets).set({ status: TicketStatus.Open, departmentId: first.id }).where(inArray(tickets.id, ids));
    await expectCountersMatchTable();
    expect(await countTickets({ departmentId: first.id, status: TicketStatus.Open })).toBe(6);

    // Deletes, one and in bulk.
    await deleteTicket(ids[0]!);
    await bulkDeleteTickets(admin.actor, [ids[1]!, ids[2]!]);
    await expectCountersMatchTable();
    expect(await countTickets({ departmentId: first.id })).toBe(3);
    expect(await countTickets({ departmentId: second.id })).toBe(0);
  });

  it("keep counting right when many replies and transfers run at once", async () => {
    const departments = [await makeDepartment(), await makeDepartment()];
    const customer = await makeCustomer();
    const made = [];
    for (let i = 0; i < 12; i++) made.push(await makeTicket({ userId: customer.id, departmentId: departments[i % 2]!.id }));
    await Promise.all(
      made.flatMap((ticket, i) => [
        addCustomerReply(ticket.id, customer.id, { message: `Reply ${i}`, via: "api" }),
        updateTicket({ type: "api", id: 1 }, ticket.id, { departmentId: departments[(i + 1) % 2]!.id, status: TicketStatus.InProgress }),
      ]),
    );
    await expectCountersMatchTable();
    expect((await countTickets({ departmentId: departments[0]!.id })) + (await countTickets({ departmentId: departments[1]!.id }))).toBe(12);
  });
});

describe("the token API's ticket list totals and pages", () => {
  it("gives the exact total of a filter, as COUNT(*) does", async () => {
    const department = await makeDepartment();
    const customer = await makeCustomer();
    for (let i = 0; i < 4; i++) await makeTicket({ userId: customer.id, departmentId: department.id });
    const [one] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.departmentId, department.id)).limit(1);
    await updateTicket({ type: "api", id: 1 }, one!.id, { status: TicketStatus.Closed });

    const byDepartment = await listTicketsPage({ departmentId: department.id }, 1, 25);
    expect(byDepartment.total).toBe(4);
    expect(byDepartment.rows).toHaveLength(4);
    expect((await listTicketsPage({ departmentId: department.id, status: TicketStatus.Open }, 1, 25)).total).toBe(3);
    expect((await listTicketsPage({ departmentId: department.id, status: TicketStatus.Closed }, 1, 25)).total).toBe(1);
    expect((await listTicketsPage({ userId: customer.id, status: TicketStatus.Open }, 1, 25)).total).toBe(3);
    expect((await listTicketsPage({ departmentId: department.id }, 2, 25)).rows).toEqual([]);
  });

  it("serves a page of a whole id block in one statement, and pages around a gap in a block in two, as OFFSET does", async () => {
    // Twelve tickets from the first id of a fresh block: the block holds every id of its span.
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const [[{ maxId }]] = (await db.execute(sql`SELECT MAX(id) AS maxId FROM tickets`)) as unknown as [[{ maxId: number }]];
    const firstId = (Math.floor(Number(maxId) / TICKET_ID_BLOCK) + 3) * TICKET_ID_BLOCK;
    const ids = Array.from({ length: 12 }, (_, i) => firstId + i);
    await db.insert(tickets).values(
      ids.map((id) => ({ id, publicToken: `counts-block-${id}-${Date.now()}`, subject: `Whole block ${id}`, userId: customer.id, departmentId: department.id, lastUpdateAt: new Date() })),
    );
    const pagesOfBlock = async (pageSize: number) => {
      const [[{ n }]] = (await db.execute(sql`SELECT COUNT(*) AS n FROM tickets WHERE id < ${firstId}`)) as unknown as [[{ n: number }]];
      const firstPage = Math.floor(Number(n) / pageSize) + 1;
      return Array.from({ length: Math.ceil(12 / pageSize) + 2 }, (_, i) => firstPage + i);
    };
    const whole = await pagesOfBlock(5);
    await expectPagesAsOffset(5, () => whole);
    const statements = vi.spyOn(pool, "query");
    try {
      const served = await listTicketsPage({}, whole[1]!, 5);
      expect(served.rows.map((r) => Number(r.id))).toEqual(expect.arrayContaining([firstId + 5]));
      expect(statements).toHaveBeenCalledTimes(1);
    } finally {
      statements.mockRestore();
    }

    // A gap: the block is walked, from its start or its end, whichever is nearer to the page.
    await deleteTicket(firstId + 5);
    for (const pageSize of [5, 2]) {
      const gapped = await pagesOfBlock(pageSize);
      await expectPagesAsOffset(pageSize, () => gapped);
    }
    await expectPagesAsOffset(25, (pages) => [pages - 1, pages]);
    const gappedPage = (await pagesOfBlock(5))[1]!;
    const walked = vi.spyOn(pool, "query");
    try {
      await listTicketsPage({}, gappedPage, 5);
      expect(walked).toHaveBeenCalledTimes(2);
    } finally {
      walked.mockRestore();
    }
  });

  it("serves every unfiltered page with the rows OFFSET would give, deep pages included", async () => {
    // A ticket two id blocks further on (ids jump, as after an import), so pages span blocks and a gap.
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const made = await makeTicket({ userId: customer.id, departmentId: department.id });
    const farId = (Math.floor(made.id / TICKET_ID_BLOCK) + 2) * TICKET_ID_BLOCK + 7;
    await db.insert(tickets).values({
      id: farId,
      publicToken: `counts-test-${farId}-${Date.now()}`,
      subject: "Imported far ahead",
      userId: customer.id,
      departmentId: department.id,
      lastUpdateAt: new Date(),
    });
    await makeTicket({ userId: customer.id, departmentId: department.id });
    await expectCountersMatchTable();
    await expectPagesAsOffset(5, (pages) => [1, 2, Math.ceil(pages / 2), pages - 1, pages, pages + 1]);
  });
});

/**
 * Serves the unfiltered pages that `pick` names (given the page count) and compares each with OFFSET
 * over the table and the total with COUNT(*). Other test files may write tickets meanwhile: compare
 * again when a write slipped between the reads.
 */
async function expectPagesAsOffset(pageSize: number, pick: (pages: number) => number[]) {
  for (let attempt = 1; ; attempt++) {
    const [[{ n }]] = (await db.execute(sql`SELECT COUNT(*) AS n FROM tickets`)) as unknown as [[{ n: number }]];
    const total = Number(n);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const sample = [...new Set(pick(pages).filter((p) => p >= 1))];
    const mismatches = [];
    for (const page of sample) {
      const served = await listTicketsPage({}, page, pageSize);
      const [expected] = (await db.execute(
        sql`SELECT id FROM tickets ORDER BY id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      )) as unknown as [{ id: number }[]];
      const servedIds = served.rows.map((r) => Number(r.id));
      const expectedIds = expected.map((r) => Number(r.id));
      if (served.total !== total || JSON.stringify(servedIds) !== JSON.stringify(expectedIds)) {
        mismatches.push({ page, served: servedIds, expected: expectedIds, total: served.total });
      }
    }
    if (mismatches.length === 0 || attempt === 5) {
      expect(mismatches).toEqual([]);
      return;
    }
  }
}
