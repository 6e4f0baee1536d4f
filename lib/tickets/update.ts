import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { departments, priorities, staff, staffDepartments, tickets } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { notifyAssignment } from "../mail/notifications";
import { recordTicketEvent } from "./history";
import { getTicketForStaff } from "./queries";
import { TicketStatus, type TicketStatusCode } from "./status";

export type TicketChanges = {
  status?: TicketStatusCode;
  priorityId?: number | null;
  departmentId?: number;
  assignedStaffId?: number | null;
};

/** The token API: it acts for the help desk as a whole, without a staff member's department scope. */
export type ApiActor = { type: "api"; id: number };

/** Status, priority, department and assignee changes by staff (or the API), each recorded in the ticket's history. */
export async function updateTicket(actor: StaffActor | ApiActor, ticketId: number, changes: TicketChanges) {
  const ticket = await getTicketForStaff(actor.type === "api" ? apiScope : actor, ticketId);
  const set: Partial<typeof tickets.$inferInsert> = {};
  const changed: Record<string, { from: unknown; to: unknown }> = {};

  if (changes.status !== undefined && changes.status !== ticket.status) {
    set.status = changes.status;
    set.closedAt = changes.status === TicketStatus.Closed ? new Date() : null;
    changed.status = { from: ticket.status, to: changes.status };
  }
  if (changes.priorityId !== undefined && changes.priorityId !== ticket.priorityId) {
    if (changes.priorityId !== null) {
      const [priority] = await db.select({ id: priorities.id }).from(priorities).where(eq(priorities.id, changes.priorityId));
      if (!priority) throw new AppError("invalid", "Choose a priority.", { priorityId: "Choose a priority." });
    }
    set.priorityId = changes.priorityId;
    changed.priority = { from: ticket.priorityId, to: changes.priorityId };
  }
  if (changes.departmentId !== undefined && changes.departmentId !== ticket.departmentId) {
    const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, changes.departmentId));
    // An agent may hand a ticket to any department, even one they do not work in (then it leaves their queue).
    if (!department) throw new AppError("invalid", "Choose a department.", { departmentId: "Choose a department." });
    set.departmentId = changes.departmentId;
    changed.department = { from: ticket.departmentId, to: changes.departmentId };
  }
  if (changes.assignedStaffId !== undefined && changes.assignedStaffId !== ticket.assignedStaffId) {
    if (changes.assignedStaffId !== null) {
      const departmentId = changes.departmentId ?? ticket.departmentId;
      if (!(await staffCanWork(changes.assignedStaffId, departmentId))) {
        const message = "This agent does not work in the ticket's department.";
        throw new AppError("invalid", message, { assignedStaffId: message });
      }
    }
    set.assignedStaffId = changes.assignedStaffId;
    changed.assignee = { from: ticket.assignedStaffId, to: changes.assignedStaffId };
  }
  if (Object.keys(set).length === 0) return { changed };

  await db.transaction(async (tx) => {
    await tx
      .update(tickets)
      .set({ ...set, lastUpdateAt: new Date() })
      .where(eq(tickets.id, ticketId));
    await recordTicketEvent(tx, ticketId, { type: actor.type, id: actor.id }, "updated", changed);
    if (set.assignedStaffId) {
      await notifyAssignment(tx, { ticketId, assigneeId: set.assignedStaffId, byStaffId: actor.type === "staff" ? actor.id : null });
    }
  });
  return { changed };
}

/** Unscoped ticket access for the API (staffScope applies no condition to admins). */
const apiScope: StaffActor = { type: "staff", id: 0, role: "admin", fullname: "API", email: "", departmentIds: [] };

async function staffCanWork(staffId: number, departmentId: number) {
  const [member] = await db
    .select({ role: staff.role, active: staff.active, departmentId: staffDepartments.departmentId })
    .from(staff)
    .leftJoin(staffDepartments, and(eq(staffDepartments.staffId, staff.id), eq(staffDepartments.departmentId, departmentId)))
    .where(eq(staff.id, staffId));
  if (!member?.active) return false;
  return member.role === "admin" || member.departmentId !== null;
}

