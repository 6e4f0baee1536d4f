import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { departments, tickets } from "@/db/schema";
import { deleteDepartmentWithTickets, moveDepartment, moveDepartmentTickets } from "@/lib/departments/manage";
import { listPortalDepartments } from "@/lib/departments";
import { makeCustomer, makeDepartment, makeTicket } from "../../support/factories";

describe("admin: deleting a department", () => {
  it("moves its tickets to the chosen department, then deletes it", async () => {
    const [from, to, customer] = await Promise.all([makeDepartment(), makeDepartment(), makeCustomer()]);
    const a = await makeTicket({ userId: customer.id, departmentId: from.id });
    const b = await makeTicket({ userId: customer.id, departmentId: from.id });
    const result = await moveDepartmentTickets(from.id, to.id);
    expect(result.moved).toBe(2);
    const rows = await db.select({ departmentId: tickets.departmentId }).from(tickets).where(inArray(tickets.id, [a.id, b.id]));
    expect(rows.map((r) => r.departmentId)).toEqual([to.id, to.id]);
    expect(await db.select().from(departments).where(eq(departments.id, from.id))).toHaveLength(0);
  });

  it("refuses to move tickets into the department itself or a missing one, and changes nothing", async () => {
    const [from, customer] = await Promise.all([makeDepartment(), makeCustomer()]);
    const ticket = await makeTicket({ userId: customer.id, departmentId: from.id });
    await expect(moveDepartmentTickets(from.id, from.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(moveDepartmentTickets(from.id, 999_999_999)).rejects.toMatchObject({ code: "invalid" });
    const [row] = await db.select({ departmentId: tickets.departmentId }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.departmentId).toBe(from.id);
  });

  it("deletes its tickets with it when the admin chooses so", async () => {
    const [dept, other, customer] = await Promise.all([makeDepartment(), makeDepartment(), makeCustomer()]);
    const gone = await makeTicket({ userId: customer.id, departmentId: dept.id });
    const kept = await makeTicket({ userId: customer.id, departmentId: other.id });
    expect((await deleteDepartmentWithTickets(dept.id)).deleted).toBe(1);
    const left = await db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, [gone.id, kept.id]));
    expect(left.map((r) => r.id)).toEqual([kept.id]);
  });

  it("reorders departments with up/down moves", async () => {
    const a = await makeDepartment();
    const b = await makeDepartment();
    const order = async () => (await db.select({ id: departments.id }).from(departments).orderBy(departments.sortOrder, departments.id)).map((r) => r.id);
    await moveDepartment(b.id, "up");
    const after = await order();
    expect(after.indexOf(b.id)).toBeLessThan(after.indexOf(a.id));
  });

  it("a private or portal-off department is not offered on the portal", async () => {
    const open = await makeDepartment();
    const hidden = await makeDepartment({ isPrivate: true });
    const off = await makeDepartment();
    await db.update(departments).set({ portalEnabled: false }).where(eq(departments.id, off.id));
    const ids = (await listPortalDepartments()).map((d) => d.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(off.id);
  });
});

describe("portal switch per department", () => {
  it("the portal cannot open a ticket in a department whose portal is off; staff and the API still can", async () => {
    const { createTicket } = await import("@/lib/tickets/create");
    const [dept, customer] = await Promise.all([makeDepartment(), makeCustomer()]);
    await db.update(departments).set({ portalEnabled: false }).where(eq(departments.id, dept.id));
    await expect(
      createTicket({
        requester: { userId: customer.id },
        departmentId: dept.id,
        subject: "Hello",
        message: "Hi",
        source: "web",
        openedBy: { type: "user", id: customer.id },
      }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(makeTicket({ userId: customer.id, departmentId: dept.id })).resolves.toMatchObject({ id: expect.any(Number) });
  });
});
