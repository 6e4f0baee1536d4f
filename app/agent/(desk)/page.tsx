import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/tables/pagination";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { requireStaff } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { getSettings } from "@/lib/settings";
import { listPriorities } from "@/lib/staff";
import { listQueue } from "@/lib/tickets/queries";
import { ticketStatuses } from "@/lib/tickets/status";
import { withParams } from "@/lib/url";
import { queueQuerySchema, type QueueQuery } from "@/lib/validation/tickets";
import { QueueTable } from "./queue-table";

export const metadata: Metadata = { title: "Tickets" };

const views: { id: QueueQuery["view"]; label: string }[] = [
  { id: "active", label: "Active" },
  { id: "mine", label: "My tickets" },
  { id: "unassigned", label: "Unassigned" },
  { id: "open", label: "Open" },
  { id: "awaiting", label: "Awaiting reply" },
  { id: "in-progress", label: "In progress" },
  { id: "answered", label: "Answered" },
  { id: "closed", label: "Closed" },
  { id: "all", label: "All" },
];

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireStaff();
  const query = queueQuerySchema.parse(await searchParams);
  const [{ pageSize }, allDepartments, priorities] = await Promise.all([getSettings(), listDepartments(), listPriorities()]);
  const result = await listQueue(actor, query, pageSize);
  const departments = actor.role === "admin" ? allDepartments : allDepartments.filter((d) => actor.departmentIds.includes(d.id));
  const params = {
    view: query.view,
    status: query.status,
    department: query.department,
    priority: query.priority,
    q: query.q,
    sort: query.sort,
    dir: query.dir,
  };
  return (
    <div>
      <h1 className="mb-4 text-xl font-semibold">Tickets</h1>
      <nav aria-label="Views" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {views.map((view) => (
          <Link
            key={view.id}
            href={withParams("/agent", {}, { view: view.id })}
            aria-current={query.view === view.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${query.view === view.id ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {view.label}
          </Link>
        ))}
      </nav>
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="view" value={query.view} />
        <div>
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
            Search
          </label>
          <Input id="q" name="q" defaultValue={query.q} placeholder="Ticket number or subject" className="w-64" />
        </div>
        <div>
          <label htmlFor="department" className="mb-1 block text-xs font-medium text-slate-600">
            Department
          </label>
          <Select id="department" name="department" defaultValue={query.department ?? ""} className="w-48">
            <option value="">All my departments</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select id="status" name="status" defaultValue={query.status ?? ""} className="w-40">
            <option value="">Any status</option>
            {ticketStatuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="priority" className="mb-1 block text-xs font-medium text-slate-600">
            Priority
          </label>
          <Select id="priority" name="priority" defaultValue={query.priority ?? ""} className="w-36">
            <option value="">Any priority</option>
            {priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        <Link href={withParams("/agent", {}, { view: query.view })} className="px-2 py-2 text-sm text-slate-600 hover:underline">
          Reset
        </Link>
      </form>
      <QueueTable rows={result.rows} params={params} />
      <Pagination path="/agent" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
