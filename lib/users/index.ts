import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { organizationDomains, users } from "@/db/schema";
import { AppError } from "../errors";

/** The customer with this email, created (without a password) when new. New customers join the
 * organization that claims their email's domain. */
export async function findOrCreateCustomer(tx: Tx, input: { email: string; fullname: string }) {
  const email = input.email.trim().toLowerCase();
  const [existing] = await tx
    .select({ id: users.id, blocked: users.blocked, fullname: users.fullname })
    .from(users)
    .where(eq(users.email, email));
  if (existing) {
    if (existing.blocked) throw new AppError("forbidden", "This email address cannot open tickets.");
    return { id: existing.id, created: false };
  }
  const domain = email.split("@")[1] ?? "";
  const [organization] = await tx
    .select({ id: organizationDomains.organizationId })
    .from(organizationDomains)
    .where(eq(organizationDomains.domain, domain));
  const fullname = input.fullname.trim() || email.split("@")[0]!;
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
