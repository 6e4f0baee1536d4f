import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { staff } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { listAuditActions, listAuditLog } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { withParams } from "@/lib/url";
import { auditFilterSchema } from "@/lib/validation/admin";
import { AuditFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const dateDisplay = await getDateDisplay();
  await requireAdmin();
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : { actor: "", action: "", from: "", to: "" };
  const page = pageSchema.parse(raw.page ?? 1);
  const dayAfter = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000);
  const [log, actions, people] = await Promise.all([
    listAuditLog({
      actorId: filters.actor ? Number(filters.actor) : undefined,
      action: filters.action || undefined,
      from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
      to: filters.to ? dayAfter(filters.to) : undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    listAuditActions(),
    db.select({ id: staff.id, fullname: staff.fullname }).from(staff).orderBy(staff.fullname),
  ]);
  const pageCount = Math.max(1, Math.ceil(log.total / PAGE_SIZE));
  const params = { ...filters };
  return (
    <div>
      <PageHeader title="Audit log" description="Who changed what in the admin area, when and from where." />
      <AuditFilters initial={filters} staff={people} actions={actions} />
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">When</th>
              <th scope="col" className="px-4 py-2 font-medium">Who</th>
              <th scope="col" className="px-4 py-2 font-medium">Action</th>
              <th scope="col" className="px-4 py-2 font-medium">Target</th>
              <th scope="col" className="px-4 py-2 font-medium">Details</th>
              <th scope="col" className="px-4 py-2 font-medium">From</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.rows.map((row) => (
              <tr key={row.id} className="align-top">
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(row.createdAt, dateDisplay)}</td>
                <td className="px-4 py-2">{row.actorName ?? row.actorType}</td>
                <td className="px-4 py-2 font-mono text-xs">{row.action}</td>
                <td className="px-4 py-2 text-slate-700">{row.targetType ? `${row.targetType}${row.targetId ? ` #${row.targetId}` : ""}` : "—"}</td>
                <td className="max-w-md px-4 py-2">
                  {row.details && <code className="block truncate font-mono text-xs text-slate-600" title={JSON.stringify(row.details)}>{JSON.stringify(row.details)}</code>}
                </td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600">{row.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.rows.length === 0 && <p className="p-6 text-sm text-slate-600">No entries match.</p>}
      </Card>
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
        <span>
          {log.total} {log.total === 1 ? "entry" : "entries"} · page {page} of {pageCount}
        </span>
        <span className="flex gap-2">
          {page > 1 && (
            <Link className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300" href={withParams("/admin/audit", params, { page: page - 1 })} rel="prev">
              Previous
            </Link>
          )}
          {page < pageCount && (
            <Link className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300" href={withParams("/admin/audit", params, { page: page + 1 })} rel="next">
              Next
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
}
