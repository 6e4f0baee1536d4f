import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets } from "@/db/schema";
import { countDailyFlow, countOpenTickets, isoDay, measureResponseTimes } from "@/lib/reports/dashboard";
import { TicketStatus } from "@/lib/tickets/status";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

const hour = 3_600_000;
const day = 24 * hour;

/** A ticket with the timestamps a real history would have left. */
async function ticketWith(
  input: { departmentId: number; userId: number },
  values: { status?: number; createdAt?: Date; firstResponseAt?: Date; closedAt?: Date; assignedStaffId?: number },
) {
  const ticket = await makeTicket(input);
  if (Object.keys(values).length) await db.update(tickets).set(values).where(eq(tickets.id, ticket.id));
  return ticket.id;
}

describe("dashboard figures", () => {
  it("counts open tickets by status and department, only in the agent's departments", async () => {
    const [mine, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const where = { departmentId: mine.id, userId: customer.id };
    await ticketWith(where, {});
    await ticketWith(where, {});
    await ticketWith(where, { status: TicketStatus.InProgress });
    await ticketWith(where, { status: TicketStatus.Closed, closedAt: new Date() });
    await ticketWith({ departmentId: other.id, userId: customer.id }, {});

    const counts = await countOpenTickets(agent.actor);
    expect(counts.map(({ status, departmentId, count }) => ({ status, departmentId, count })).sort((a, b) => a.status - b.status)).toEqual([
      { status: TicketStatus.Open, departmentId: mine.id, count: 2 },
      { status: TicketStatus.InProgress, departmentId: mine.id, count: 1 },
    ]);
    expect(counts[0]!.departmentName).toBe(mine.name);

    const admin = await makeStaff({ role: "admin" });
    const all = await countOpenTickets(admin.actor);
    expect(all.find((r) => r.departmentId === other.id)?.count).toBe(1);
  });

  it("counts new and closed tickets per day over 30 days, with quiet days at zero", async () => {
    const [mine, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const now = new Date();
    const threeDaysAgo = new Date(now.getTime() - 3 * day);
    await ticketWith({ departmentId: mine.id, userId: customer.id }, { createdAt: threeDaysAgo });
    await ticketWith({ departmentId: mine.id, userId: customer.id }, { createdAt: threeDaysAgo, status: TicketStatus.Closed, closedAt: now });
    await ticketWith({ departmentId: mine.id, userId: customer.id }, { createdAt: new Date(now.getTime() - 40 * day) });
    await ticketWith({ departmentId: other.id, userId: customer.id }, { createdAt: threeDaysAgo });

    const flow = await countDailyFlow(agent.actor, now);
    expect(flow).toHaveLength(30);
    expect(flow.at(-1)!.day).toBe(isoDay(now));
    expect(flow.find((d) => d.day === isoDay(threeDaysAgo))).toMatchObject({ created: 2, closed: 0 });
    expect(flow.at(-1)).toMatchObject({ created: 0, closed: 1 });
    // The ticket from 40 days ago and the other department's are outside what this agent sees.
    expect(flow.reduce((sum, d) => sum + d.created, 0)).toBe(2);
  });

  it("measures median first-response and resolution times, overall and per assignee", async () => {
    const [mine, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const colleague = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const now = new Date();
    const opened = new Date(now.getTime() - 5 * day);
    const where = { departmentId: mine.id, userId: customer.id };
    const after = (hours: number) => new Date(opened.getTime() + hours * hour);
    // The agent answered after 1, 2 and 9 hours (median 2 h); the colleague after 4 hours.
    for (const hours of [1, 2, 9]) await ticketWith(where, { createdAt: opened, firstResponseAt: after(hours), assignedStaffId: agent.id });
    await ticketWith(where, { createdAt: opened, firstResponseAt: after(4), assignedStaffId: colleague.id });
    // Closed after 24 and 48 hours, assigned to the agent.
    await ticketWith(where, { createdAt: opened, firstResponseAt: after(1), closedAt: after(24), status: TicketStatus.Closed, assignedStaffId: agent.id });
    await ticketWith(where, { createdAt: opened, firstResponseAt: after(1), closedAt: after(48), status: TicketStatus.Closed, assignedStaffId: agent.id });
    // Never answered: no first response to measure. Another department: invisible.
    await ticketWith(where, { createdAt: opened });
    await ticketWith({ departmentId: other.id, userId: customer.id }, { createdAt: opened, firstResponseAt: after(100), assignedStaffId: agent.id });

    const times = await measureResponseTimes(agent.actor, now);
    // Six responses: 1, 1, 1, 2, 4, 9 hours -> median 1.5 h.
    expect(times.overall).toEqual({ firstResponseSeconds: 1.5 * 3600, respondedTickets: 6, resolutionSeconds: 36 * 3600, resolvedTickets: 2 });
    const mineRow = times.perAgent.find((a) => a.staffId === agent.id);
    // The agent's responses: 1, 1, 1, 2, 9 hours -> 1 h.
    expect(mineRow).toMatchObject({ firstResponseSeconds: 3600, respondedTickets: 5, resolutionSeconds: 36 * 3600, resolvedTickets: 2 });
    expect(times.perAgent.find((a) => a.staffId === colleague.id)).toMatchObject({ firstResponseSeconds: 4 * 3600, resolutionSeconds: null });
    expect(times.since).toBe(isoDay(new Date(now.getTime() - 29 * day)));
  });
});
