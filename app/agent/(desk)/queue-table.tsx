"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type SortState } from "@/components/tables/data-table";
import { StatusBadge } from "@/components/tickets/status-badge";
import { formatDateTime } from "@/lib/format";
import type { QueueRow } from "@/lib/tickets/queries";

const columns: ColumnDef<QueueRow, unknown>[] = [
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
    cell: ({ row }) => <span className="whitespace-nowrap text-slate-600">{formatDateTime(row.original.lastUpdateAt)}</span>,
  },
];

export function QueueTable({ rows, params }: { rows: QueueRow[]; params: Record<string, string | number | undefined> & SortState }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      path="/agent"
      params={params}
      sortable={{ id: "id", subject: "subject", status: "status", updated: "updated" }}
      emptyMessage="No tickets in this view."
      caption="Ticket queue"
    />
  );
}
