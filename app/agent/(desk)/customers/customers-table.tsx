"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type SortState } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import type { CustomerDirectoryRow } from "@/lib/users/directory";

const columns: ColumnDef<CustomerDirectoryRow, unknown>[] = [
  {
    id: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link href={`/agent/customers/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        {row.original.fullname}
      </Link>
    ),
  },
  { id: "email", header: "Email", cell: ({ row }) => <span className="break-all">{row.original.email}</span> },
  { id: "organization", header: "Organization", cell: ({ row }) => row.original.organizationName ?? <span className="text-slate-400">—</span> },
  { id: "tickets", header: "Tickets", cell: ({ row }) => <span className="tabular-nums">{row.original.tickets}</span> },
  {
    id: "state",
    header: "State",
    cell: ({ row }) =>
      row.original.blocked ? (
        <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Blocked</span>
      ) : (
        <span className="text-xs text-slate-500">Active</span>
      ),
  },
  { id: "created", header: "Since", cell: ({ row }) => <span className="whitespace-nowrap text-slate-600">{formatDateTime(row.original.createdAt)}</span> },
];

export function CustomersTable({ rows, params }: { rows: CustomerDirectoryRow[]; params: Record<string, string | number | undefined> & SortState }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      path="/agent/customers"
      params={params}
      sortable={{ name: "name", email: "email", created: "created" }}
      emptyMessage="No customers match."
      caption="Customers"
    />
  );
}
