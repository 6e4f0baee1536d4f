import { credentialStamp } from "../auth/credential-stamp";
import { and, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { staff } from "@/db/schema";
import { hashPassword, verifyPassword } from "../auth/password";
import { AppError } from "../errors";
import { enforceRateLimit } from "../rate-limit";
import type { StaffProfileInput } from "../validation/staff-profile";

export async function getStaffProfile(staffId: number) {
  const [row] = await db
    .select({ fullname: staff.fullname, email: staff.email, username: staff.username, signature: staff.signature, timezone: staff.timezone })
    .from(staff)
    .where(eq(staff.id, staffId));
  if (!row) throw new AppError("not_found", "Staff member not found.");
  return row;
}

const emailTaken = () =>
  new AppError("conflict", "Another staff member uses this email address.", { email: "Another staff member uses this email address." });

/** A staff member's own name, email, signature and time zone. */
export async function updateStaffProfile(staffId: number, input: StaffProfileInput) {
  const [other] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.email, input.email), ne(staff.id, staffId)));
  if (other) throw emailTaken();
  try {
    await db
      .update(staff)
      .set({ fullname: input.fullname, email: input.email, timezone: input.timezone || null, signature: input.signature.trim() || null })
      .where(eq(staff.id, staffId));
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "ER_DUP_ENTRY") throw emailTaken();
    throw error;
  }
}

export async function changeStaffPassword(staffId: number, input: { currentPassword: string; password: string }) {
  const [row] = await db.select({ passwordHash: staff.passwordHash }).from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError("not_found", "Staff member not found.");
  // Guessing the current password through this form is as slow as through the sign-in form.
  await enforceRateLimit(`password-change:staff:${staffId}`, 10, 15 * 60, "Too many attempts. Please wait a few minutes and try again.");
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError("invalid", "Your current password is not correct.", { currentPassword: "This is not your current password." });
  }
  const passwordHash = await hashPassword(input.password);
  await db.update(staff).set({ passwordHash }).where(eq(staff.id, staffId));
  // Every other session of theirs ends; the caller keeps the current one with this stamp.
  return { stamp: credentialStamp(passwordHash) };
}
