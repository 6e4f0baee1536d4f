import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { getOrganization } from "@/lib/organizations/manage";
import { getSettings } from "@/lib/settings";
import { listActiveStaff, listPriorities } from "@/lib/staff";
import { countQueueViews, formatQueueCount, listQueue } from "@/lib/tickets/queue";
import { ticketStatuses } from "@/lib/tickets/status";
import { withParams } from "@/lib/url";
import { queueQuerySchema, type QueueView } from "@/lib/validation/tickets";
import { OrganizationFilter } from "./organization-filter";
import { QueueTable } from "./queue-table";

export const metadata: Metadata = { title: "Tickets" };

const views: { id: QueueView; label: string }[] = [
  { id: "active", label: "Active" },
  { id: "mine", label: "My tickets" },
  { id: "unassigned", label: "Unassigned" },
  { id: "open", label: "Open" },
  { id: "awaiting", label: "Awaiting reply" },
  { id: "in-progress", label: "In progress" },
  { id: "answered", label: "Answered" },
  { id: "overdue", label: "Overdue" },
  { id: "closed", label: "Closed" },
  { id: "all", label: "All" },
];

const label = "mb-1 block text-xs font-medium text-slate-600";
const pageLink = "rounded-md px-3 py-1.5 ring-1 ring-slate-300 bg-white hover:bg-slate-50";

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireStaff();
  const query = queueQuerySchema.parse(await searchParams);
  const settings = await getSettings();
  const [result, counts, allDepartments, priorities, staff, organization] = await Promise.all([
    listQueue(actor, query, settings.pageSize, settings.overdueHours),
    countQueueViews(actor, settings.overdueHours),
    listDepartments(),
    listPriorities(),
    listActiveStaff(),
    // Only the filtered organization: the filter loads the others when opened (./organization-filter.tsx).
    query.organization
      ? getOrganization(query.organization).then(
          (o) => ({ id: o.id, name: o.name }),
          () => undefined,
        )
      : undefined,
  ]);
  const departments = actor.role === "admin" ? allDepartments : allDepartments.filter((d) => actor.departmentIds.includes(d.id));
  const { page: _page, ...params } = query;
  const moreFilters = Boolean(query.organization || query.assignee || query.createdFrom || query.createdTo || query.updatedFrom || query.updatedTo);
  return (
    <div>
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Tickets</h1>
        <Link href="/agent/tickets/new" className={buttonClass("primary")}>
          New ticket
        </Link>
      </div>
      <nav aria-label="Views" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {views.map((view) => (
          <Link
            key={view.id}
            href={withParams("/agent", {}, { view: view.id })}
            aria-current={query.view === view.id ? "page" : undefined}
            className={`-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 ${query.view === view.id ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {view.label}
            <span className={`rounded-full px-1.5 text-xs tabular-nums ${view.id === "overdue" && counts.overdue > 0 ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-600"}`}>
              {counts[view.id].toLocaleString("en")}
            </span>
          </Link>
        ))}
      </nav>
      <form method="get" role="search" className="mb-4 space-y-3">
        <input type="hidden" name="view" value={query.view} />
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className={label}>
              Search
            </label>
            <Input id="q" name="q" defaultValue={query.q} placeholder="Number, subject, customer, message text" className="w-72" />
          </div>
          <div>
            <label htmlFor="department" className={label}>
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
            <label htmlFor="status" className={label}>
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
            <label htmlFor="priority" className={label}>
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
        </div>
        <details open={moreFilters} className="text-sm">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">More filters</summary>
          <div className="mt-3 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="assignee" className={label}>
                Assignee
              </label>
              <Select id="assignee" name="assignee" defaultValue={query.assignee ?? ""} className="w-44">
                <option value="">Anyone</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.fullname}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <label htmlFor="organization" className={label}>
                Organization
              </label>
              <OrganizationFilter selected={organization} className="w-44" />
            </div>
            {(
              [
                ["createdFrom", "Created from"],
                ["createdTo", "Created to"],
                ["updatedFrom", "Updated from"],
                ["updatedTo", "Updated to"],
              ] as const
            ).map(([name, text]) => (
              <div key={name}>
                <label htmlFor={name} className={label}>
                  {text}
                </label>
                <Input id={name} name={name} type="date" defaultValue={query[name]} className="w-40" />
              </div>
            ))}
          </div>
        </details>
      </form>
      <QueueTable
        rows={result.rows}
        params={params}
        staff={staff.map((s) => ({ id: s.id, name: s.fullname }))}
        departments={allDepartments}
        priorities={priorities}
        canDelete={can(actor, "tickets.delete")}
      />
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
        <span>
          {result.totalUnknown ? "Many matching tickets, latest first" : `${formatQueueCount(result.total)} ${result.total === 1 ? "ticket" : "tickets"}`} · page{" "}
          {result.page}
          {result.pageCount !== null && ` of ${result.pageCount}`}
        </span>
        <span className="flex gap-2">
          {result.page > 1 && (
            <Link className={pageLink} href={withParams("/agent", params, { page: result.page - 1 })} rel="prev">
              Previous
            </Link>
          )}
          {result.hasNext && (
            <Link className={pageLink} href={withParams("/agent", params, { page: result.page + 1 })} rel="next">
              Next
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
}
