import { eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { BatchTransaction } from "@/db/batch";
import { organizationDomains, users } from "@/db/schema";
import { AppError } from "../errors";

/** The customer with this email, created (without a password) when new. New customers join the
 * organization that claims their email's domain. */
export async function findOrCreateCustomer(tx: Tx, input: { email: string; fullname: string }) {
  const email = customerEmail(input.email);
  const [existing] = await tx
    .select({ id: users.id, blocked: users.blocked, fullname: users.fullname })
    .from(users)
    .where(eq(users.email, email));
  if (existing) {
    if (existing.blocked) throw blockedCustomer();
    return { id: existing.id, created: false };
  }
  const domain = emailDomain(email);
  const [organization] = await tx
    .select({ id: organizationDomains.organizationId })
    .from(organizationDomains)
    .where(eq(organizationDomains.domain, domain));
  const fullname = customerName(input.fullname, email);
  try {
    const [created] = await tx
      .insert(users)
      .values({ email, fullname, organizationId: organization?.id ?? null })
      .$returningId();
    return { id: created!.id, created: true };
  } catch (error) {
    // Two requests creating the same customer at once: the loser uses the winner's row.
    if ((error as { cause?: { code?: string } }).cause?.code !== "ER_DUP_ENTRY") throw error;
    const [raced] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!raced) throw error;
    return { id: raced.id, created: false };
  }
}

/**
 * findOrCreateCustomer inside a batched transaction (db/batch.ts): one read; a new customer is inserted
 * with the transaction's next writes and known as @user_id until then. Returns the customer's id as SQL.
 * Two requests creating the same customer at once: the loser's transaction fails on the unique email
 * (ER_DUP_ENTRY) and its caller runs it again, which then finds the winner's row.
 */
export async function customerInBatch(tx: BatchTransaction, input: { email: string; fullname: string }): Promise<SQL> {
  const email = customerEmail(input.email);
  const [found] = (await tx.read(sql`SELECT id, blocked FROM users WHERE email = ${email}`)) as { id: number; blocked: number }[][];
  const existing = found![0];
  if (existing) {
    if (existing.blocked) throw blockedCustomer();
    return sql`${existing.id}`;
  }
  tx.queue(
    sql`INSERT INTO users (email, fullname, organization_id) VALUES (${email}, ${customerName(input.fullname, email)},
      (SELECT organization_id FROM organization_domains WHERE domain = ${emailDomain(email)}))`,
    sql`SET @user_id = LAST_INSERT_ID()`,
  );
  return sql`@user_id`;
}

const customerEmail = (email: string) => email.trim().toLowerCase();
const emailDomain = (email: string) => email.split("@")[1] ?? "";
const customerName = (fullname: string, email: string) => fullname.trim() || email.split("@")[0]!;
const blockedCustomer = () => new AppError("forbidden", "This email address cannot open tickets.");
