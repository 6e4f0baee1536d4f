import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { authTokens, departments, staff, staffDepartments, type StaffRole } from "@/db/schema";
import { hashPassword } from "../auth/password";
import { AppError } from "../errors";
import { baseUrl, enqueueInvitationMail } from "../mail/notifications";
import { randomToken, sha256 } from "../tokens";
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

// ---- Admin: staff accounts -------------------------------------------------------------------------

export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

export type StaffMemberInput = {
  fullname: string;
  email: string;
  username: string;
  role: StaffRole;
  departmentIds: number[];
  active: boolean;
  /** invite: email a link to choose a password; set: use `password`; keep: leave it (edit only). */
  passwordMode: "invite" | "set" | "keep";
  password?: string;
};

export async function listStaffMembers() {
  const [rows, memberships] = await Promise.all([
    db
      .select({
        id: staff.id,
        fullname: staff.fullname,
        username: staff.username,
        email: staff.email,
        role: staff.role,
        active: staff.active,
        lastLoginAt: staff.lastLoginAt,
      })
      .from(staff)
      .orderBy(desc(staff.active), asc(staff.fullname)),
    db
      .select({ staffId: staffDepartments.staffId, name: departments.name })
      .from(staffDepartments)
      .innerJoin(departments, eq(departments.id, staffDepartments.departmentId))
      .orderBy(asc(departments.sortOrder)),
  ]);
  return rows.map((row) => ({ ...row, departments: memberships.filter((m) => m.staffId === row.id).map((m) => m.name) }));
}

export async function getStaffMember(id: number) {
  const [row] = await db
    .select({ id: staff.id, fullname: staff.fullname, username: staff.username, email: staff.email, role: staff.role, active: staff.active })
    .from(staff)
    .where(eq(staff.id, id));
  if (!row) return null;
  const memberships = await db.select({ id: staffDepartments.departmentId }).from(staffDepartments).where(eq(staffDepartments.staffId, id));
  return { ...row, departmentIds: memberships.map((m) => m.id) };
}

async function assertUnique(tx: Tx, input: { username: string; email: string }, exceptId?: number) {
  const taken = await tx
    .select({ id: staff.id, username: staff.username, email: staff.email })
    .from(staff)
    .where(or(eq(staff.username, input.username), eq(staff.email, input.email)));
  const clash = taken.find((row) => row.id !== exceptId);
  if (!clash) return;
  const field = clash.username === input.username ? "username" : "email";
  const message = field === "username" ? "This username is taken." : "This email belongs to another staff member.";
  throw new AppError("conflict", message, { [field]: message });
}

async function setMemberships(tx: Tx, staffId: number, departmentIds: number[]) {
  await tx.delete(staffDepartments).where(eq(staffDepartments.staffId, staffId));
  const ids = [...new Set(departmentIds)];
  if (ids.length === 0) return;
  const existing = await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
  if (existing.length) await tx.insert(staffDepartments).values(existing.map((d) => ({ staffId, departmentId: d.id })));
}

/** A single-use invitation link (only its hash is stored) and the mail carrying it, in the caller's transaction. */
async function inviteStaff(tx: Tx, member: { id: number; email: string; fullname: string }) {
  const token = randomToken(32);
  await tx.insert(authTokens).values({
    purpose: "invitation",
    principalType: "staff",
    principalId: member.id,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + INVITATION_TTL_SECONDS * 1000),
  });
  await enqueueInvitationMail(tx, { to: member.email, name: member.fullname, link: `${await baseUrl()}/invite/${token}` });
  return token;
}

/** Creates an agent or admin with a password, or with an emailed invitation to choose one. */
export async function createStaffByAdmin(input: StaffMemberInput) {
  const email = input.email.trim().toLowerCase();
  if (input.passwordMode === "set" && !input.password) throw new AppError("invalid", "Enter a password.", { password: "Enter a password." });
  return db.transaction(async (tx) => {
    await assertUnique(tx, { username: input.username, email });
    // An invited member has no usable password until they choose one: the hash of a random secret.
    const password = input.passwordMode === "set" ? input.password! : randomToken(32);
    const [row] = await tx
      .insert(staff)
      .values({ username: input.username, email, fullname: input.fullname, passwordHash: await hashPassword(password), role: input.role, active: input.active })
      .$returningId();
    await setMemberships(tx, row!.id, input.departmentIds);
    const invitation = input.passwordMode === "invite" ? await inviteStaff(tx, { id: row!.id, email, fullname: input.fullname }) : undefined;
    return { id: row!.id, invitation };
  });
}

/**
 * Saves a staff member. Deactivating keeps their tickets, replies and history; the last active admin
 * can be neither demoted nor deactivated (checked under a lock, so two admins cannot demote each other).
 */
export async function updateStaffByAdmin(id: number, input: StaffMemberInput, outer: Tx = db) {
  const email = input.email.trim().toLowerCase();
  return outer.transaction(async (tx) => {
    const [current] = await tx.select({ role: staff.role, active: staff.active }).from(staff).where(eq(staff.id, id)).for("update");
    if (!current) throw new AppError("not_found", "Staff member not found.");
    if (current.role === "admin" && current.active && (input.role !== "admin" || !input.active)) {
      await assertAnotherActiveAdmin(tx, id);
    }
    await assertUnique(tx, { username: input.username, email }, id);
    const passwordHash = input.passwordMode === "set" && input.password ? await hashPassword(input.password) : undefined;
    await tx
      .update(staff)
      .set({ fullname: input.fullname, email, username: input.username, role: input.role, active: input.active, ...(passwordHash ? { passwordHash } : {}) })
      .where(eq(staff.id, id));
    await setMemberships(tx, id, input.departmentIds);
    const invitation = input.passwordMode === "invite" ? await inviteStaff(tx, { id, email, fullname: input.fullname }) : undefined;
    return { invitation };
  });
}

async function assertAnotherActiveAdmin(tx: Tx, exceptId: number) {
  const others = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, "admin"), eq(staff.active, true), ne(staff.id, exceptId)))
    .for("update");
  if (others.length === 0) {
    throw new AppError("conflict", "This is the last active admin: make someone else an admin first.", {
      role: "The help desk needs at least one active admin.",
    });
  }
}

/** Deactivates (never deletes) a staff member, under the last-admin rule. */
export async function setStaffActive(id: number, active: boolean, outer: Tx = db) {
  await outer.transaction(async (tx) => {
    const [current] = await tx.select({ role: staff.role, active: staff.active }).from(staff).where(eq(staff.id, id)).for("update");
    if (!current) throw new AppError("not_found", "Staff member not found.");
    if (!active && current.role === "admin" && current.active) await assertAnotherActiveAdmin(tx, id);
    await tx.update(staff).set({ active }).where(eq(staff.id, id));
  });
}

function usableInvitation(token: string) {
  return and(
    eq(authTokens.tokenHash, sha256(token)),
    eq(authTokens.purpose, "invitation"),
    eq(authTokens.principalType, "staff"),
    isNull(authTokens.usedAt),
    gt(authTokens.expiresAt, new Date()),
  );
}

/** The invited person's name for the set-password page, or null when the link is unknown, used or expired. */
export async function getInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ fullname: staff.fullname, username: staff.username, active: staff.active })
    .from(authTokens)
    .innerJoin(staff, eq(staff.id, authTokens.principalId))
    .where(usableInvitation(token));
  return row && row.active ? row : null;
}

/** Sets the invited member's password; the link works once. */
export async function acceptInvitation(token: string, password: string) {
  const invalid = new AppError("invalid", "This invitation link is invalid or has expired. Ask an admin for a new one.");
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw invalid;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: authTokens.id, staffId: authTokens.principalId }).from(authTokens).where(usableInvitation(token));
    if (!row) throw invalid;
    const [used] = await tx.update(authTokens).set({ usedAt: new Date() }).where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt)));
    if (used.affectedRows !== 1) throw invalid;
    const [member] = await tx.select({ username: staff.username, active: staff.active }).from(staff).where(eq(staff.id, row.staffId));
    if (!member?.active) throw invalid;
    await tx.update(staff).set({ passwordHash }).where(eq(staff.id, row.staffId));
    return { staffId: row.staffId, username: member.username };
  });
}
