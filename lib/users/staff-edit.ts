import { and, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { organizations, users } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import type { CustomerEdit } from "../validation/customers";
import { deleteCustomerWithTickets } from "./manage";

const emailTaken = () =>
  new AppError("conflict", "Another customer already uses this email address.", { email: "Another customer already uses this email address." });

/** An agent edits a customer's name, email and organization (moving them to another one, or none). */
export async function updateCustomerAsStaff(actor: StaffActor, id: number, input: CustomerEdit) {
  assertCan(actor, "customers.manage");
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, input.email), ne(users.id, id)));
  if (other) throw emailTaken();
  if (input.organizationId !== null) {
    const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!organization) throw new AppError("invalid", "This organization no longer exists.", { organizationId: "Choose an organization from the list." });
  }
  try {
    const [result] = await db
      .update(users)
      .set({ fullname: input.fullname, email: input.email, organizationId: input.organizationId })
      .where(eq(users.id, id));
    if (result.affectedRows === 0) throw new AppError("not_found", "Customer not found.");
  } catch (error) {
    // Someone took the address between the check and the update.
    if ((error as { cause?: { code?: string } }).cause?.code === "ER_DUP_ENTRY") throw emailTaken();
    throw error;
  }
}

/** A blocked customer can no longer sign in (loadUserActor) nor open tickets (findOrCreateCustomer). */
export async function setCustomerBlocked(actor: StaffActor, id: number, blocked: boolean) {
  assertCan(actor, "customers.manage");
  const [result] = await db.update(users).set({ blocked }).where(eq(users.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Customer not found.");
}

/** Admins only: the customer and every ticket they opened, in every department. */
export async function deleteCustomerAsStaff(actor: StaffActor, id: number) {
  assertCan(actor, "customers.delete");
  await deleteCustomerWithTickets(id);
}
