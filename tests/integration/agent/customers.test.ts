import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { organizations, tickets, users } from "@/db/schema";
import { loadUserActor } from "@/lib/auth/actors";
import { signInCustomer } from "@/lib/auth/sign-in";
import { createTicket } from "@/lib/tickets/create";
import { getCustomerForStaff, listCustomerDirectory, listCustomerTicketsForStaff } from "@/lib/users/directory";
import { deleteCustomerAsStaff, setCustomerBlocked, updateCustomerAsStaff } from "@/lib/users/staff-edit";
import { customerDirectoryQuerySchema } from "@/lib/validation/customers";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, testPassword, unique } from "../../support/factories";

const directory = (params: Record<string, string>) => customerDirectoryQuerySchema.parse(params);

async function makeNamedCustomer(fullname: string) {
  const customer = await makeCustomer();
  await db.update(users).set({ fullname }).where(eq(users.id, customer.id));
  return { ...customer, fullname };
}

describe("customer directory", () => {
  it("searches by name or email, sorts and pages in SQL", async () => {
    const marker = unique("zeta");
    const created = [];
    for (const letter of ["C", "A", "E", "B", "D"]) created.push(await makeNamedCustomer(`${marker} ${letter}`));
    const agent = await makeStaff({ departmentIds: [] });

    const first = await listCustomerDirectory(agent.actor, directory({ q: marker, sort: "name", dir: "asc" }), 2);
    expect(first.total).toBe(5);
    expect(first.pageCount).toBe(3);
    expect(first.rows.map((r) => r.fullname)).toEqual([`${marker} A`, `${marker} B`]);
    const last = await listCustomerDirectory(agent.actor, directory({ q: marker, sort: "name", dir: "asc", page: "3" }), 2);
    expect(last.rows.map((r) => r.fullname)).toEqual([`${marker} E`]);
    const descending = await listCustomerDirectory(agent.actor, directory({ q: marker, sort: "name", dir: "desc" }), 2);
    expect(descending.rows[0]!.fullname).toBe(`${marker} E`);

    const byEmail = await listCustomerDirectory(agent.actor, directory({ q: created[2]!.email }), 25);
    expect(byEmail.rows.map((r) => r.id)).toEqual([created[2]!.id]);
    // LIKE wildcards typed by the agent are matched literally.
    const wildcard = await listCustomerDirectory(agent.actor, directory({ q: `${marker}%` }), 25);
    expect(wildcard.total).toBe(0);
  });

  it("filters by organization and by blocked state", async () => {
    const [organization] = await db.insert(organizations).values({ name: unique("Org ") }).$returningId();
    const member = await makeCustomer({ organizationId: organization!.id });
    const blockedMember = await makeCustomer({ organizationId: organization!.id });
    const agent = await makeStaff();
    await setCustomerBlocked(agent.actor, blockedMember.id, true);

    const members = await listCustomerDirectory(agent.actor, directory({ organization: String(organization!.id) }), 25);
    expect(members.rows.map((r) => r.id).sort()).toEqual([member.id, blockedMember.id].sort());
    expect(members.rows[0]!.organizationName).toBeTruthy();
    const blocked = await listCustomerDirectory(agent.actor, directory({ organization: String(organization!.id), state: "blocked" }), 25);
    expect(blocked.rows.map((r) => r.id)).toEqual([blockedMember.id]);
  });

  it("lists and counts only the customer's tickets in the agent's departments", async () => {
    const [mine, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const agent = await makeStaff({ departmentIds: [mine.id] });
    const customer = await makeCustomer();
    const visible = await makeTicket({ userId: customer.id, departmentId: mine.id });
    await makeTicket({ userId: customer.id, departmentId: other.id });

    const page = await listCustomerTicketsForStaff(agent.actor, customer.id, 1, 25);
    expect(page.rows.map((t) => t.id)).toEqual([visible.id]);
    expect(page.total).toBe(1);
    const [row] = (await listCustomerDirectory(agent.actor, directory({ q: customer.email }), 25)).rows;
    expect(row!.tickets).toBe(1);

    const admin = await makeStaff({ role: "admin" });
    expect((await listCustomerTicketsForStaff(admin.actor, customer.id, 1, 25)).total).toBe(2);
  });
});

describe("editing customers", () => {
  it("edits name, email and organization, and refuses an email another customer uses", async () => {
    const [organization] = await db.insert(organizations).values({ name: unique("Org ") }).$returningId();
    const customer = await makeCustomer();
    const other = await makeCustomer();
    const agent = await makeStaff();
    const email = `${unique("renamed")}@example.test`;

    await updateCustomerAsStaff(agent.actor, customer.id, { fullname: "Renamed Person", email, organizationId: organization!.id });
    expect(await getCustomerForStaff(customer.id)).toMatchObject({ fullname: "Renamed Person", email, organizationId: organization!.id });

    await expect(updateCustomerAsStaff(agent.actor, customer.id, { fullname: "X", email: other.email, organizationId: null })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: expect.any(String) },
    });
    await updateCustomerAsStaff(agent.actor, customer.id, { fullname: "Renamed Person", email, organizationId: null });
    expect((await getCustomerForStaff(customer.id)).organizationId).toBeNull();
  });

  it("blocks a customer: no sign-in, no session, no new ticket; unblocking restores them", async () => {
    const customer = await makeCustomer();
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });

    await setCustomerBlocked(agent.actor, customer.id, true);
    await setCustomerBlocked(agent.actor, customer.id, true); // idempotent
    expect(await signInCustomer({ email: customer.email, password: testPassword }, "203.0.113.7")).toEqual({ ok: false, reason: "invalid" });
    expect(await loadUserActor(customer.id)).toBeNull();
    await expect(
      createTicket({
        requester: { email: customer.email, fullname: "Blocked" },
        departmentId: department.id,
        subject: "Let me in",
        message: "Please.",
        source: "web",
        openedBy: { type: "guest" },
        notify: false,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });

    await setCustomerBlocked(agent.actor, customer.id, false);
    expect(await signInCustomer({ email: customer.email, password: testPassword }, "203.0.113.8")).toMatchObject({ ok: true });
    await expect(setCustomerBlocked(agent.actor, 999_999_999, true)).rejects.toMatchObject({ code: "not_found" });
  });

  it("deletes a customer with all their tickets, for admins only", async () => {
    const [mine, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const customer = await makeCustomer();
    await makeTicket({ userId: customer.id, departmentId: mine.id });
    await makeTicket({ userId: customer.id, departmentId: other.id });
    const agent = await makeStaff({ departmentIds: [mine.id, other.id] });

    // An agent is told the action does not exist for them, and nothing is deleted.
    await expect(deleteCustomerAsStaff(agent.actor, customer.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.userId, customer.id))).toHaveLength(2);

    const admin = await makeStaff({ role: "admin" });
    await deleteCustomerAsStaff(admin.actor, customer.id);
    expect(await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.userId, customer.id))).toHaveLength(0);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, customer.id))).toHaveLength(0);
  });
});
