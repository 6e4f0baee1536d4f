import { asc, eq, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { departments, emailAddresses, type EmailAddress } from "@/db/schema";

/**
 * The rule for the address a department's mail goes out from, as ORDER BY over `email_addresses`: its
 * own, else the default, else the first one. `department` is SQL (a value, or a subquery); NULL (none
 * asked, or an address without one) sorts after 1 and with 0. Ticket notifications apply it in their
 * context reads (lib/mail/notifications.ts).
 */
export const sendingAddressOrder = (department: SQL) =>
  sql`(email_addresses.department_id = ${department}) DESC, email_addresses.is_default DESC, email_addresses.id`;

/** The address a department's mail goes out from: its own, else the default, else the first one. */
export async function getSendingAddress(tx: Tx, departmentId?: number | null): Promise<EmailAddress | null> {
  const [row] = await tx
    .select()
    .from(emailAddresses)
    .orderBy(sendingAddressOrder(sql`${departmentId ?? null}`))
    .limit(1);
  return row ?? null;
}

export async function getEmailAddress(tx: Tx, id: number): Promise<EmailAddress | null> {
  const [row] = await tx.select().from(emailAddresses).where(eq(emailAddresses.id, id));
  return row ?? null;
}

/** Addresses the IMAP fetcher polls. */
export function listImapAddresses() {
  return db
    .select()
    .from(emailAddresses)
    .where(eq(emailAddresses.incoming, "imap"))
    .orderBy(asc(emailAddresses.id));
}

/**
 * The department new mail lands in: the matched address's department, else the default address's,
 * else the first department. Null only when no department exists yet.
 */
export async function departmentForIncomingMail(
  tx: Tx,
  matched: Pick<EmailAddress, "departmentId"> | null,
): Promise<number | null> {
  if (matched?.departmentId) return matched.departmentId;
  const fallback = await getSendingAddress(tx, null);
  if (fallback?.departmentId) return fallback.departmentId;
  const [first] = await tx
    .select({ id: departments.id })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.id))
    .limit(1);
  return first?.id ?? null;
}

export const formatAddress = (address: Pick<EmailAddress, "email" | "senderName">) => ({
  name: address.senderName,
  address: address.email,
});

export const domainOf = (email: string) => email.split("@").pop()?.toLowerCase() || "localhost";
