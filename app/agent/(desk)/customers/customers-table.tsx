"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type SortState } from "@/components/tables/data-table";
import { DateTime } from "@/components/date-time";
import type { CustomerDirectoryRow } from "@/lib/users/directory";

const columns: ColumnDef<CustomerDirectoryRow, unknown>[] = [
  {
    id: "name",
    header: "Customer",
    cell: ({ row }) => (
      <div className="min-w-44">
        <Link href={`/agent/customers/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {row.original.fullname}
        </Link>
        <div className="text-xs break-all text-slate-500">{row.original.email}</div>
      </div>
    ),
  },
  {
    id: "organization",
    header: "Organization",
    cell: ({ row }) => <span className="whitespace-nowrap">{row.original.organizationName ?? <span className="text-slate-400">—</span>}</span>,
  },
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
  { id: "created", header: "Since", cell: ({ row }) => <span className="whitespace-nowrap text-slate-600"><DateTime value={row.original.createdAt} /></span> },
];

export function CustomersTable({ rows, params }: { rows: CustomerDirectoryRow[]; params: Record<string, string | number | undefined> & SortState }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      path="/agent/customers"
      params={params}
      sortable={{ name: "name", created: "created" }}
      emptyMessage="No customers match."
      caption="Customers"
    />
  );
}
