import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { organizationDomains, organizations, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import type { OrganizationValues } from "../validation/organizations";

const nameTaken = () => new AppError("conflict", "Another organization has this name.", { name: "Another organization has this name." });

/** Organizations with their domains and member counts, by name. */
export async function listOrganizationsWithDetails() {
  const [rows, domains] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        sharesTickets: organizations.sharesTickets,
        // Counted per organization through users_org_idx, never by loading members. Written out in
        // full: drizzle leaves columns unqualified in a one-table select, and `id` would bind to users.
        members: sql<number>`(SELECT COUNT(*) FROM users AS member WHERE member.organization_id = organizations.id)`.mapWith(Number),
      })
      .from(organizations)
      .orderBy(asc(organizations.name)),
    db.select().from(organizationDomains).orderBy(asc(organizationDomains.domain)),
  ]);
  return rows.map((row) => ({ ...row, domains: domains.filter((d) => d.organizationId === row.id).map((d) => d.domain) }));
}

export type OrganizationListRow = Awaited<ReturnType<typeof listOrganizationsWithDetails>>[number];

export async function getOrganization(id: number) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw new AppError("not_found", "Organization not found.");
  const domains = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, id))
    .orderBy(asc(organizationDomains.domain));
  return { ...row, domains: domains.map((d) => d.domain) };
}

/** One page of an organization's members, by name. */
export async function listOrganizationMembers(id: number, page: number, pageSize: number) {
  const where = eq(users.organizationId, id);
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: users.id, fullname: users.fullname, email: users.email, blocked: users.blocked })
      .from(users)
      .where(where)
      .orderBy(asc(users.fullname), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: count() }).from(users).where(where),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, pageCount: Math.max(1, Math.ceil(totalRows / pageSize)) };
}

/** A domain belongs to one organization at most: new customers could not join two. */
async function assertDomainsFree(tx: Tx, domains: string[], organizationId: number | null) {
  if (domains.length === 0) return;
  const claimed = await tx
    .select({ domain: organizationDomains.domain, organization: organizations.name })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .where(
      and(
        inArray(organizationDomains.domain, domains),
        organizationId === null ? undefined : ne(organizationDomains.organizationId, organizationId),
      ),
    );
  if (claimed[0]) {
    const message = `${claimed[0].domain} already belongs to ${claimed[0].organization}.`;
    throw new AppError("conflict", message, { domains: message });
  }
}

async function replaceDomains(tx: Tx, organizationId: number, domains: string[]) {
  await tx.delete(organizationDomains).where(eq(organizationDomains.organizationId, organizationId));
  if (domains.length) await tx.insert(organizationDomains).values(domains.map((domain) => ({ domain, organizationId })));
}

const isDuplicate = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === "ER_DUP_ENTRY";

async function assertNameFree(tx: Tx, name: string, organizationId: number | null) {
  const [other] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.name, name), organizationId === null ? undefined : ne(organizations.id, organizationId)));
  if (other) throw nameTaken();
}

export async function createOrganization(actor: StaffActor, input: OrganizationValues) {
  assertCan(actor, "organizations.manage");
  try {
    return await db.transaction(async (tx) => {
      await assertNameFree(tx, input.name, null);
      await assertDomainsFree(tx, input.domains, null);
      const [created] = await tx.insert(organizations).values({ name: input.name, sharesTickets: input.sharesTickets }).$returningId();
      await replaceDomains(tx, created!.id, input.domains);
      return { id: created!.id };
    });
  } catch (error) {
    // A concurrent create took the name or a domain between the check and the insert.
    if (isDuplicate(error)) throw new AppError("conflict", "This name or one of these domains was just taken. Please try again.");
    throw error;
  }
}

/** Saves name, sharing flag and domains. Domains only affect customers created from now on. */
export async function updateOrganization(actor: StaffActor, id: number, input: OrganizationValues) {
  assertCan(actor, "organizations.manage");
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).for("update");
      if (!row) throw new AppError("not_found", "Organization not found.");
      await assertNameFree(tx, input.name, id);
      await assertDomainsFree(tx, input.domains, id);
      await tx.update(organizations).set({ name: input.name, sharesTickets: input.sharesTickets }).where(eq(organizations.id, id));
      await replaceDomains(tx, id, input.domains);
    });
  } catch (error) {
    if (isDuplicate(error)) throw new AppError("conflict", "This name or one of these domains was just taken. Please try again.");
    throw error;
  }
}
