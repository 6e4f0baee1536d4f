"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { ticketStatuses } from "@/lib/tickets/status";

type Option = { id: number; name: string };

export function TicketPropertiesForm({
  action,
  ticket,
  departments,
  priorities,
  assignees,
}: {
  action: (form: FormData) => Promise<ActionResult>;
  ticket: { status: number; departmentId: number; priorityId: number | null; assignedStaffId: number | null };
  departments: Option[];
  priorities: Option[];
  assignees: Option[];
}) {
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // Send only what this agent changed, so a stale page never undoes someone else's change.
        const form = new FormData(event.currentTarget);
        const initial: Record<string, string> = {
          status: String(ticket.status),
          priorityId: String(ticket.priorityId ?? ""),
          departmentId: String(ticket.departmentId),
          assignedStaffId: String(ticket.assignedStaffId ?? ""),
        };
        for (const [name, value] of Object.entries(initial)) if (form.get(name) === value) form.delete(name);
        startTransition(async () => setResult(await action(form)));
      }}
      className="space-y-4"
    >
      {/* Each select remounts when the ticket changes, so its default is never stale; the result stays. */}
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      <Field id="prop-status" label="Status" error={errors.status}>
        <Select key={`status-${ticket.status}`} id="prop-status" name="status" defaultValue={ticket.status}>
          {ticketStatuses.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="prop-priority" label="Priority" error={errors.priorityId}>
        <Select key={`priority-${ticket.priorityId}`} id="prop-priority" name="priorityId" defaultValue={ticket.priorityId ?? ""}>
          <option value="">None</option>
          {priorities.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="prop-department" label="Department" error={errors.departmentId}>
        <Select key={`department-${ticket.departmentId}`} id="prop-department" name="departmentId" defaultValue={ticket.departmentId}>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="prop-assignee" label="Assignee" error={errors.assignedStaffId}>
        <Select key={`assignee-${ticket.assignedStaffId}`} id="prop-assignee" name="assignedStaffId" defaultValue={ticket.assignedStaffId ?? ""}>
          <option value="">Unassigned</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
