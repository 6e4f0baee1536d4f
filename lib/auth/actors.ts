import { eq } from "drizzle-orm";
import { db } from "@/db";
import { staff, staffDepartments, users, organizations } from "@/db/schema";
import type { StaffRole } from "@/db/schema";
import { credentialStamp } from "./credential-stamp";

export type StaffActor = {
  type: "staff";
  id: number;
  role: StaffRole;
  fullname: string;
  email: string;
  /** Departments an agent works in; admins work in all of them. */
  departmentIds: number[];
};

export type UserActor = {
  type: "user";
  id: number;
  fullname: string;
  email: string;
  organizationId: number | null;
  /** The customer's organization shares tickets among its members. */
  seesOrganizationTickets: boolean;
};

export type Actor = StaffActor | UserActor;

export const isAdmin = (actor: StaffActor) => actor.role === "admin";

/** Loads an active staff member as an actor, or null when missing or deactivated. */
export async function loadStaffActor(staffId: number): Promise<StaffActor | null> {
  return (await loadStaffSignIn(staffId))?.actor ?? null;
}

/** The actor with the stamp of their current password (see credentialStamp). */
export async function loadStaffSignIn(staffId: number): Promise<{ actor: StaffActor; stamp: string } | null> {
  const [row] = await db
    .select({ id: staff.id, role: staff.role, fullname: staff.fullname, email: staff.email, active: staff.active, passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.id, staffId));
  if (!row || !row.active) return null;
  const departments = await db
    .select({ id: staffDepartments.departmentId })
    .from(staffDepartments)
    .where(eq(staffDepartments.staffId, staffId));
  const actor: StaffActor = {
    type: "staff",
    id: row.id,
    role: row.role,
    fullname: row.fullname,
    email: row.email,
    departmentIds: departments.map((d) => d.id),
  };
  return { actor, stamp: credentialStamp(row.passwordHash) };
}

/** Loads a customer as an actor, or null when missing or blocked. */
export async function loadUserActor(userId: number): Promise<UserActor | null> {
  return (await loadUserSignIn(userId))?.actor ?? null;
}

/** The actor with the stamp of their current password (see credentialStamp). */
export async function loadUserSignIn(userId: number): Promise<{ actor: UserActor; stamp: string } | null> {
  const [row] = await db
    .select({
      passwordHash: users.passwordHash,
      id: users.id,
      fullname: users.fullname,
      email: users.email,
      blocked: users.blocked,
      organizationId: users.organizationId,
      sharesTickets: organizations.sharesTickets,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  if (!row || row.blocked) return null;
  const actor: UserActor = {
    type: "user",
    id: row.id,
    fullname: row.fullname,
    email: row.email,
    organizationId: row.organizationId,
    seesOrganizationTickets: Boolean(row.organizationId && row.sharesTickets),
  };
  return { actor, stamp: credentialStamp(row.passwordHash) };
}
