"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type OnChangeFn, type RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { withParams } from "@/lib/url";

export type SortState = { sort: string; dir: "asc" | "desc" };

/**
 * A server-driven table: the server already sorted and paged the rows; headers and pager are links that
 * change the URL, so every view can be bookmarked and the browser never holds more than one page.
 */
export function DataTable<Row>({
  columns,
  rows,
  path,
  params,
  sortable,
  emptyMessage,
  caption,
  selection,
}: {
  columns: ColumnDef<Row, unknown>[];
  rows: Row[];
  path: string;
  params: Record<string, string | number | undefined> & SortState;
  sortable: Record<string, string>;
  emptyMessage: string;
  caption: string;
  /** Row selection for bulk actions: rows are keyed by getRowId. */
  selection?: { state: RowSelectionState; onChange: OnChangeFn<RowSelectionState>; getRowId: (row: Row) => string };
}) {
  // Rows arrive already sorted and paged from the server; the React Compiler is not in use here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableRowSelection: Boolean(selection),
    getRowId: selection?.getRowId,
    state: selection ? { rowSelection: selection.state } : {},
    onRowSelectionChange: selection?.onChange,
  });
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sortKey = sortable[header.column.id];
                const active = sortKey && params.sort === sortKey;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
                    className="px-3 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase"
                  >
                    {sortKey ? (
                      <Link
                        href={withParams(path, params, { sort: sortKey, dir: active && params.dir === "desc" ? "asc" : "desc", page: undefined })}
                        className="inline-flex items-center gap-1 hover:text-slate-900"
                      >
                        {label}
                        <span aria-hidden="true">{active ? (params.dir === "asc" ? "▲" : "▼") : ""}</span>
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-10 text-center text-slate-500">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.getIsSelected() ? "bg-brand-50" : "hover:bg-slate-50"}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2.5 align-top">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
