import { and, asc, count, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { departments, organizations, tickets, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { escapeLike, staffScope } from "../tickets/queries";
import type { CustomerDirectoryQuery } from "../validation/customers";

// Customers belong to no department: every agent may find any customer. Their tickets are another
// matter: an agent sees (and counts) only the tickets of their own departments.

const sortColumns = { name: users.fullname, email: users.email, created: users.createdAt };

function directoryConditions(query: CustomerDirectoryQuery): SQL | undefined {
  const pattern = query.q ? `%${escapeLike(query.q)}%` : undefined;
  return and(
    pattern ? or(like(users.fullname, pattern), like(users.email, pattern)) : undefined,
    query.organization ? eq(users.organizationId, query.organization) : undefined,
    query.state ? eq(users.blocked, query.state === "blocked") : undefined,
  );
}

/** Tickets of this customer that the agent may see, counted per row of the page (tickets_user_idx). */
function visibleTicketCount(actor: StaffActor) {
  const scope = staffScope(actor);
  // Qualified by hand: drizzle may render columns unqualified, and `id` would then bind to tickets.id.
  return sql<number>`(SELECT COUNT(*) FROM tickets WHERE tickets.user_id = users.id${scope ? sql` AND ${scope}` : sql``})`.mapWith(Number);
}

/** One page of the customer directory, searched by name or email, filtered and sorted in SQL. */
export async function listCustomerDirectory(actor: StaffActor, query: CustomerDirectoryQuery, pageSize: number) {
  const where = directoryConditions(query);
  const order = query.dir === "asc" ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        fullname: users.fullname,
        email: users.email,
        blocked: users.blocked,
        createdAt: users.createdAt,
        organizationId: users.organizationId,
        organizationName: organizations.name,
        tickets: visibleTicketCount(actor),
      })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), order(users.id))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db.select({ value: count() }).from(users).where(where),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, pageCount: Math.max(1, Math.ceil(totalRows / pageSize)) };
}

export type CustomerDirectoryRow = Awaited<ReturnType<typeof listCustomerDirectory>>["rows"][number];

/** A customer's details for the agent's customer page. */
export async function getCustomerForStaff(id: number) {
  const [row] = await db
    .select({
      id: users.id,
      fullname: users.fullname,
      email: users.email,
      blocked: users.blocked,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`.mapWith(Boolean),
      organizationId: users.organizationId,
      organizationName: organizations.name,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id));
  if (!row) throw new AppError("not_found", "Customer not found.");
  return row;
}

export type CustomerForStaff = Awaited<ReturnType<typeof getCustomerForStaff>>;

/** The customer's tickets in the agent's departments, most recently updated first. */
export async function listCustomerTicketsForStaff(actor: StaffActor, customerId: number, page: number, pageSize: number) {
  const where = and(eq(tickets.userId, customerId), staffScope(actor));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: tickets.id,
        subject: tickets.subject,
        status: tickets.status,
        departmentName: departments.name,
        lastUpdateAt: tickets.lastUpdateAt,
        createdAt: tickets.createdAt,
      })
      .from(tickets)
      .innerJoin(departments, eq(departments.id, tickets.departmentId))
      .where(where)
      .orderBy(desc(tickets.lastUpdateAt), desc(tickets.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: count() }).from(tickets).where(where),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, pageCount: Math.max(1, Math.ceil(totalRows / pageSize)) };
}
