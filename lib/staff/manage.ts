import { count, eq, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { departments, staff, staffDepartments, type StaffRole } from "@/db/schema";
import { hashPassword } from "../auth/password";
import { AppError } from "../errors";
import { saveSettings } from "../settings";
import type { SetupAdmin } from "../validation/auth";

export type NewStaffMember = {
  username: string;
  email: string;
  fullname: string;
  password: string;
  role: StaffRole;
  departmentIds?: number[];
};

export async function createStaffMember(input: NewStaffMember, tx: Tx = db) {
  const email = input.email.trim().toLowerCase();
  const [taken] = await tx
    .select({ username: staff.username, email: staff.email })
    .from(staff)
    .where(or(eq(staff.username, input.username), eq(staff.email, email)));
  if (taken) {
    const field = taken.username === input.username ? "username" : "email";
    const message = field === "username" ? "This username is taken." : "This email belongs to another staff member.";
    throw new AppError("conflict", message, { [field]: message });
  }
  const [row] = await tx
    .insert(staff)
    .values({ username: input.username, email, fullname: input.fullname, passwordHash: await hashPassword(input.password), role: input.role })
    .$returningId();
  if (input.departmentIds?.length) {
    await tx.insert(staffDepartments).values(input.departmentIds.map((departmentId) => ({ staffId: row!.id, departmentId })));
  }
  return { id: row!.id };
}

export async function hasAnyStaff(): Promise<boolean> {
  const [row] = await db.select({ value: count() }).from(staff);
  return (row?.value ?? 0) > 0;
}

/**
 * The install step: the first admin, the help desk's name and a first department. Refused once any
 * staff exists, so /setup cannot be used to take over a running help desk.
 */
export async function createFirstAdmin(input: SetupAdmin) {
  return db.transaction(async (tx) => {
    // Locks the staff table's range so two concurrent setups cannot both pass the check.
    const [existing] = await tx.execute(sql`SELECT COUNT(*) AS n FROM staff FOR UPDATE`);
    if (Number((existing as unknown as { n: number }[])[0]?.n ?? 0) > 0) {
      throw new AppError("conflict", "This help desk is already set up.");
    }
    const admin = await createStaffMember({ ...input, role: "admin" }, tx);
    const [anyDepartment] = await tx.select({ id: departments.id }).from(departments).limit(1);
    if (!anyDepartment) await tx.insert(departments).values({ name: "General support", sortOrder: 0 });
    await saveSettings({ helpdeskName: input.helpdeskName });
    return admin;
  });
}

export async function setStaffPassword(username: string, password: string) {
  const result = await db
    .update(staff)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(staff.username, username));
  if (result[0].affectedRows === 0) throw new AppError("not_found", `No staff member with username ${username}.`);
}
