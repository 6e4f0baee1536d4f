"use server";

import { revalidatePath } from "next/cache";
import { actionError, invalidInput, type ActionResult } from "@/lib/actions";
import { requireStaff } from "@/lib/auth/session";
import { bulkDeleteTickets, bulkUpdateTickets } from "@/lib/tickets/bulk";
import type { TicketStatusCode } from "@/lib/tickets/status";
import { bulkActionSchema } from "@/lib/validation/tickets";

export async function bulkAction(input: unknown): Promise<ActionResult> {
  const actor = await requireStaff();
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const action = parsed.data;
  let message: string;
  try {
    if (action.action === "delete") {
      const { deleted } = await bulkDeleteTickets(actor, action.ticketIds);
      message = `${deleted} ${deleted === 1 ? "ticket" : "tickets"} deleted.`;
    } else {
      const changes =
        action.action === "assign"
          ? { assignedStaffId: action.assignedStaffId }
          : action.action === "status"
            ? { status: action.status as TicketStatusCode }
            : action.action === "priority"
              ? { priorityId: action.priorityId }
              : { departmentId: action.departmentId };
      const { updated, failures } = await bulkUpdateTickets(actor, action.ticketIds, changes);
      message = `${updated} ${updated === 1 ? "ticket" : "tickets"} updated.`;
      if (failures.length) {
        const reasons = [...new Set(failures.map((f) => f.message))].join(" ");
        return { ok: false, message: `${message} ${failures.length} not changed: ${reasons}` };
      }
    }
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/agent");
  return { ok: true, message };
}
