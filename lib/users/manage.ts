import { count, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { tickets, users } from "@/db/schema";
import { AppError } from "../errors";
import { deleteTicketsWhere, removeStoredFiles } from "../tickets/delete";
import { findOrCreateCustomer } from "./index";

const customerColumns = { id: users.id, fullname: users.fullname, email: users.email };

export async function getCustomer(id: number) {
  const [row] = await db.select(customerColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findCustomerByEmail(email: string) {
  const [row] = await db.select(customerColumns).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function emailInUse(email: string) {
  return (await findCustomerByEmail(email)) !== null;
}

/** Customers, newest first, one page at a time. */
export async function listCustomers(page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select(customerColumns)
      .from(users)
      .orderBy(desc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: count() }).from(users),
  ]);
  const totalRows = total?.value ?? 0;
  return { rows, total: totalRows, pageCount: Math.ceil(totalRows / pageSize) };
}

/** Creates a customer account (without a password: they set one through a reset link). */
export async function createCustomer(input: { fullname: string; email: string }) {
  if (await emailInUse(input.email)) {
    throw new AppError("conflict", "This email address is already in use.", { email: "This email address is already in use." });
  }
  const result = await findOrCreateCustomer(db, input);
  return { id: result.id };
}

export async function changeCustomerEmail(id: number, email: string) {
  const normalized = email.trim().toLowerCase();
  const current = await getCustomer(id);
  if (!current) throw new AppError("not_found", "User not found.");
  if (current.email === normalized) return;
  const other = await findCustomerByEmail(normalized);
  if (other && other.id !== id) {
    throw new AppError("conflict", "This email address is already in use.", { email: "This email address is already in use." });
  }
  await db.update(users).set({ email: normalized }).where(eq(users.id, id));
}

/** Deletes a customer and every ticket they opened, in one transaction; their files go afterwards. */
export async function deleteCustomerWithTickets(id: number) {
  const files = await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for("update");
    if (!row) throw new AppError("not_found", "User not found.");
    const deleted = await deleteTicketsWhere(tx, eq(tickets.userId, id));
    await tx.delete(users).where(eq(users.id, id));
    return deleted.files;
  });
  await removeStoredFiles(files);
}
