import type { StaffRole } from "@/db/schema";
import type { StaffActor } from "./actors";
import { AppError } from "../errors";

/** The one table of what each staff role may do. Department scope is applied by the queries. */
const permissions = {
  "tickets.work": ["admin", "agent"],
  "tickets.delete": ["admin"],
  "customers.manage": ["admin", "agent"],
  "customers.delete": ["admin"],
  "organizations.manage": ["admin", "agent"],
  "helpdesk.configure": ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissions;

export function can(actor: StaffActor, permission: Permission): boolean {
  return (permissions[permission] as readonly StaffRole[]).includes(actor.role);
}

/** Throws not_found rather than forbidden: the existence of what one may not touch is not revealed. */
export function assertCan(actor: StaffActor, permission: Permission) {
  if (!can(actor, permission)) throw new AppError("not_found", "Not found.");
}

/** Whether a staff member works in a department (admins work in all). */
export function worksInDepartment(actor: StaffActor, departmentId: number): boolean {
  return actor.role === "admin" || actor.departmentIds.includes(departmentId);
}
