import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { ticketHistory, tickets } from "@/db/schema";
import { getSettings, saveSettings } from "@/lib/settings";
import { closeIdleAnsweredTickets } from "@/lib/tickets/auto-close";
import { addCustomerReply, addStaffReply } from "@/lib/tickets/replies";
import { TicketStatus } from "@/lib/tickets/status";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";

afterEach(async () => {
  await saveSettings({ autoCloseHours: 0 });
});

async function answeredTicket(hoursAgo: number) {
  const department = await makeDepartment();
  const agent = await makeStaff({ departmentIds: [department.id] });
  const customer = await makeCustomer();
  const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
  await addStaffReply(agent.actor, ticket.id, { message: "Does it work now?" });
  await db
    .update(tickets)
    .set({ lastUpdateAt: sql`UTC_TIMESTAMP() - INTERVAL ${hoursAgo} HOUR` })
    .where(eq(tickets.id, ticket.id));
  return { ...ticket, customerId: customer.id };
}

const statusOf = async (id: number) => (await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, id)))[0]!.status;

describe("closing answered tickets after the admin's hours", () => {
  it("closes answered tickets idle for longer than the setting, and records it; newer ones and other statuses stay", async () => {
    await saveSettings({ autoCloseHours: 48 });
    expect((await getSettings()).autoCloseHours).toBe(48);
    const idle = await answeredTicket(49);
    const recent = await answeredTicket(47);
    const waitingOnStaff = await answeredTicket(49);
    await addCustomerReply(waitingOnStaff.id, waitingOnStaff.customerId, { message: "No, still broken.", via: "api" });
    await db.update(tickets).set({ lastUpdateAt: sql`UTC_TIMESTAMP() - INTERVAL 49 HOUR` }).where(eq(tickets.id, waitingOnStaff.id));

    expect(await closeIdleAnsweredTickets()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(idle.id)).toBe(TicketStatus.Closed);
    expect(await statusOf(recent.id)).toBe(TicketStatus.Answered);
    expect(await statusOf(waitingOnStaff.id)).toBe(TicketStatus.AwaitingReply);
    const history = await db.select().from(ticketHistory).where(inArray(ticketHistory.ticketId, [idle.id, recent.id]));
    expect(history.filter((h) => h.action === "closed")).toEqual([
      expect.objectContaining({ ticketId: idle.id, actorType: "system", details: { reason: "auto_close", hours: 48 } }),
    ]);
    const [row] = await db.select().from(tickets).where(eq(tickets.id, idle.id));
    expect(row!.closedAt).not.toBeNull();

    // A customer who comes back reopens it as usual.
    await addCustomerReply(idle.id, idle.customerId, { message: "It broke again.", via: "portal" });
    expect(await statusOf(idle.id)).toBe(TicketStatus.AwaitingReply);
  });

  it("closes nothing while the setting is 0", async () => {
    const idle = await answeredTicket(10_000);
    expect(await closeIdleAnsweredTickets()).toBe(0);
    expect(await statusOf(idle.id)).toBe(TicketStatus.Answered);
  });
});
