import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { loadUserActor } from "@/lib/auth/actors";
import { createOrganization, getOrganization, listOrganizationMembers, listOrganizationsWithDetails, updateOrganization } from "@/lib/organizations/manage";
import { createTicket } from "@/lib/tickets/create";
import { organizationSchema } from "@/lib/validation/organizations";
import { makeCustomer, makeDepartment, makeStaff, unique } from "../../support/factories";

const organization = (input: { name: string; domains?: string; sharesTickets?: boolean }) =>
  organizationSchema.parse({ sharesTickets: false, domains: "", ...input });

describe("organizations", () => {
  it("creates an organization whose email domains place new customers in it", async () => {
    const agent = await makeStaff();
    const domain = `${unique("acme")}.example`;
    const { id } = await createOrganization(agent.actor, organization({ name: unique("Acme "), domains: `@${domain.toUpperCase()}\nsub.${domain}`, sharesTickets: true }));
    expect(await getOrganization(id)).toMatchObject({ sharesTickets: true, domains: [domain, `sub.${domain}`].sort() });

    const department = await makeDepartment();
    const email = `${unique("new")}@${domain}`;
    await createTicket({
      requester: { email, fullname: "New Person" },
      departmentId: department.id,
      subject: "Hello",
      message: "First ticket.",
      source: "web",
      openedBy: { type: "guest" },
      notify: false,
    });
    const [customer] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.email, email));
    expect(customer?.organizationId).toBe(id);

    const members = await listOrganizationMembers(id, 1, 25);
    expect(members.rows.map((m) => m.email)).toEqual([email]);
    const listed = (await listOrganizationsWithDetails()).find((o) => o.id === id);
    expect(listed).toMatchObject({ members: 1, sharesTickets: true });
  });

  it("edits name, flag and domains; a domain or a name already taken is refused", async () => {
    const agent = await makeStaff();
    const taken = `${unique("taken")}.example`;
    const first = await createOrganization(agent.actor, organization({ name: unique("First "), domains: taken }));
    const secondName = unique("Second ");
    const second = await createOrganization(agent.actor, organization({ name: secondName }));

    await expect(updateOrganization(agent.actor, second.id, organization({ name: secondName, domains: taken }))).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { domains: expect.stringContaining(taken) },
    });
    await expect(createOrganization(agent.actor, organization({ name: secondName }))).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { name: expect.any(String) },
    });

    const fresh = `${unique("fresh")}.example`;
    await updateOrganization(agent.actor, first.id, organization({ name: "Renamed " + unique(), domains: fresh, sharesTickets: true }));
    expect(await getOrganization(first.id)).toMatchObject({ domains: [fresh], sharesTickets: true });
    // The freed domain can now go to the second organization.
    await updateOrganization(agent.actor, second.id, organization({ name: secondName, domains: taken }));
    expect((await getOrganization(second.id)).domains).toEqual([taken]);
  });

  it("rejects what is not a domain name", () => {
    const parsed = organizationSchema.safeParse({ name: "X", sharesTickets: false, domains: "example.com\nnot a domain" });
    expect(parsed.success).toBe(false);
    expect(organizationSchema.parse({ name: "X", sharesTickets: false, domains: "a.example, b.example; a.example" }).domains).toEqual(["a.example", "b.example"]);
  });

  it("members of a sharing organization see each other's tickets in the portal scope", async () => {
    const agent = await makeStaff();
    const { id } = await createOrganization(agent.actor, organization({ name: unique("Share ") }));
    const member = await makeCustomer({ organizationId: id });
    expect(member.actor.seesOrganizationTickets).toBe(false);
    await updateOrganization(agent.actor, id, organization({ name: (await getOrganization(id)).name, sharesTickets: true }));
    expect((await loadUserActor(member.id))?.seesOrganizationTickets).toBe(true);
  });
});
