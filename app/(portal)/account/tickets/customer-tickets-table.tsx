"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type SortState } from "@/components/tables/data-table";
import { StatusBadge } from "@/components/tickets/status-badge";
import { DateTime } from "@/components/date-time";
import type { CustomerTicketRow } from "@/lib/tickets/queries";

const columns: ColumnDef<CustomerTicketRow, unknown>[] = [
  { id: "id", header: "#", cell: ({ row }) => <span className="text-slate-500">#{row.original.id}</span> },
  {
    id: "subject",
    header: "Subject",
    cell: ({ row }) => (
      <Link
        href={`/account/tickets/${row.original.id}`}
        className="font-medium text-brand-700 hover:underline"
      >
        {row.original.subject}
      </Link>
    ),
  },
  { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  { id: "department", header: "Department", cell: ({ row }) => row.original.departmentName },
  { id: "updated", header: "Last update", cell: ({ row }) => <DateTime value={row.original.lastUpdateAt} /> },
];

const requesterColumn: ColumnDef<CustomerTicketRow, unknown> = {
  id: "requester",
  header: "Requester",
  cell: ({ row }) => row.original.customerName,
};
const withRequester = [...columns.slice(0, 2), requesterColumn, ...columns.slice(2)];

/** With `showRequester` (the customer's organization shares tickets) a column tells whose ticket each one is. */
export function CustomerTicketsTable({
  rows,
  params,
  showRequester = false,
}: {
  rows: CustomerTicketRow[];
  params: Record<string, string | number | undefined> & SortState;
  showRequester?: boolean;
}) {
  return (
    <DataTable
      columns={showRequester ? withRequester : columns}
      rows={rows}
      path="/account/tickets"
      params={params}
      sortable={{ id: "id", subject: "subject", status: "status", updated: "updated" }}
      emptyMessage="No tickets match."
      caption={showRequester ? "Your and your organization's tickets" : "Your tickets"}
    />
  );
}
