"use client";

import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DataTable, type SortState } from "@/components/tables/data-table";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";
import { DateTime } from "@/components/date-time";
import type { QueueRow } from "@/lib/tickets/queue";
import { ticketStatuses } from "@/lib/tickets/status";
import type { BulkAction } from "@/lib/validation/tickets";
import { bulkAction } from "./actions";

type Option = { id: number; name: string };

const columns: ColumnDef<QueueRow, unknown>[] = [
  {
    id: "select",
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all tickets on this page"
        checked={table.getIsAllRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ticket ${row.original.id}`}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  },
  { id: "id", header: "#", cell: ({ row }) => <span className="text-slate-500 tabular-nums">{row.original.id}</span> },
  {
    id: "subject",
    header: "Subject",
    cell: ({ row }) => (
      <div className="min-w-48">
        <Link href={`/agent/tickets/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {row.original.subject}
        </Link>
        <div className="text-xs text-slate-500">
          {row.original.customerName} &lt;{row.original.customerEmail}&gt;
        </div>
      </div>
    ),
  },
  { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  { id: "department", header: "Department", cell: ({ row }) => row.original.departmentName },
  {
    id: "priority",
    header: "Priority",
    cell: ({ row }) =>
      row.original.priorityName ? (
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2 rounded-full" style={{ background: row.original.priorityColor ?? undefined }} />
          {row.original.priorityName}
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
  },
  { id: "assignee", header: "Assignee", cell: ({ row }) => row.original.assigneeName ?? <span className="text-slate-400">Unassigned</span> },
  {
    id: "updated",
    header: "Last update",
    cell: ({ row }) => <span className="whitespace-nowrap text-slate-600"><DateTime value={row.original.lastUpdateAt} /></span>,
  },
];

const control = "rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-slate-300";

/** The queue with selection, and the bar of actions applied to the selected tickets. */
export function QueueTable({
  rows,
  params,
  staff,
  departments,
  priorities,
  canDelete,
}: {
  rows: QueueRow[];
  params: Record<string, string | number | undefined> & SortState;
  staff: Option[];
  departments: Option[];
  priorities: Option[];
  canDelete: boolean;
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const ticketIds = Object.keys(selection).filter((id) => selection[id]).map(Number);

  const run = (action: BulkAction) => {
    if (action.action === "delete" && !window.confirm(`Delete ${ticketIds.length} tickets with their messages and files? This cannot be undone.`)) return;
    startTransition(async () => {
      const outcome = await bulkAction(action);
      setResult(outcome);
      setSelection({});
      router.refresh();
    });
  };
  const choose = (handler: (value: string) => void) => (event: React.ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    event.target.value = "";
    if (value) handler(value);
  };
  const nullableId = (value: string) => (value === "none" ? null : Number(value));

  return (
    <div className="space-y-3">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      {ticketIds.length > 0 && (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-900 px-3 py-2 text-sm text-white">
          <span className="mr-2 font-medium">{ticketIds.length} selected</span>
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run({ action: "status", ticketIds, status: 5 })}>
            Close
          </Button>
          <label className="sr-only" htmlFor="bulk-assign">
            Assign to
          </label>
          <select id="bulk-assign" className={`${control} text-slate-900`} disabled={pending} defaultValue="" onChange={choose((v) => run({ action: "assign", ticketIds, assignedStaffId: nullableId(v) }))}>
            <option value="">Assign to…</option>
            <option value="none">Unassigned</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor="bulk-status">
            Set status
          </label>
          <select id="bulk-status" className={`${control} text-slate-900`} disabled={pending} defaultValue="" onChange={choose((v) => run({ action: "status", ticketIds, status: Number(v) }))}>
            <option value="">Status…</option>
            {ticketStatuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor="bulk-priority">
            Set priority
          </label>
          <select id="bulk-priority" className={`${control} text-slate-900`} disabled={pending} defaultValue="" onChange={choose((v) => run({ action: "priority", ticketIds, priorityId: nullableId(v) }))}>
            <option value="">Priority…</option>
            <option value="none">None</option>
            {priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor="bulk-department">
            Move to department
          </label>
          <select id="bulk-department" className={`${control} text-slate-900`} disabled={pending} defaultValue="" onChange={choose((v) => run({ action: "department", ticketIds, departmentId: Number(v) }))}>
            <option value="">Department…</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {canDelete && (
            <Button type="button" variant="danger" disabled={pending} onClick={() => run({ action: "delete", ticketIds })}>
              Delete
            </Button>
          )}
        </div>
      )}
      <DataTable
        columns={columns}
        rows={rows}
        path="/agent"
        params={params}
        sortable={{ id: "id", subject: "subject", status: "status", updated: "updated" }}
        emptyMessage="No tickets in this view."
        caption="Ticket queue"
        selection={{ state: selection, onChange: setSelection, getRowId: (row) => String(row.id) }}
      />
    </div>
  );
}
