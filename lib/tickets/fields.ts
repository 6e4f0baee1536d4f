import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { ticketFieldValues, tickets } from "@/db/schema";
import type { StaffActor } from "../auth/actors";
import { displayFieldValue, listFieldsForDepartment, parseFieldValues, saveFieldValues } from "../custom-fields";
import { AppError } from "../errors";
import { recordTicketEvent } from "./history";
import { getTicketForStaff } from "./queries";

/**
 * An agent edits a ticket's custom field values: the fields of the ticket's current department, with
 * the same checks as when the ticket was opened. A field left empty clears its stored value. Values of
 * fields that belong to another department (kept from before a transfer) are left as they are.
 */
export async function updateTicketFieldValues(actor: StaffActor, ticketId: number, rawValues: Record<string, unknown>) {
  const ticket = await getTicketForStaff(actor, ticketId);
  const fields = await listFieldsForDepartment(ticket.departmentId);
  const parsed = parseFieldValues(fields, rawValues);
  if (!parsed.ok) throw new AppError("invalid", "Please correct the highlighted fields.", parsed.fieldErrors);

  const fieldIds = fields.map((f) => f.id);
  const stored = fieldIds.length
    ? await db
        .select({ fieldId: ticketFieldValues.fieldId, value: ticketFieldValues.value })
        .from(ticketFieldValues)
        .where(and(eq(ticketFieldValues.ticketId, ticket.id), inArray(ticketFieldValues.fieldId, fieldIds)))
    : [];
  const before = new Map(stored.map((v) => [v.fieldId, v.value]));
  const after = new Map(parsed.values.map((v) => [v.fieldId, v.value]));
  // History keeps readable text (not checkbox JSON), and stays readable if the field is deleted later.
  const changes = fields
    .filter((f) => (before.get(f.id) ?? "") !== (after.get(f.id) ?? ""))
    .map((f) => ({
      fieldId: f.id,
      title: f.title,
      from: before.has(f.id) ? displayFieldValue(f, before.get(f.id)!) : "",
      to: after.has(f.id) ? displayFieldValue(f, after.get(f.id)!) : "",
    }));
  if (changes.length === 0) return { changes };

  const cleared = changes.filter((c) => !after.has(c.fieldId)).map((c) => c.fieldId);
  await db.transaction(async (tx) => {
    await saveFieldValues(
      tx,
      ticket.id,
      parsed.values.filter((v) => changes.some((c) => c.fieldId === v.fieldId)),
    );
    if (cleared.length) {
      await tx.delete(ticketFieldValues).where(and(eq(ticketFieldValues.ticketId, ticket.id), inArray(ticketFieldValues.fieldId, cleared)));
    }
    await tx.update(tickets).set({ lastUpdateAt: new Date() }).where(eq(tickets.id, ticket.id));
    await recordTicketEvent(tx, ticket.id, { type: "staff", id: actor.id }, "fields_updated", {
      fields: changes.map(({ title, from, to }) => ({ title, from, to })),
    });
  });
  return { changes };
}
