import type { Metadata } from "next";
import Link from "next/link";
import { cache, Suspense } from "react";
import { Card, PageHeader } from "@/components/ui/card";
import type { StaffActor } from "@/lib/auth/actors";
import { requireStaff } from "@/lib/auth/session";
import { countDailyFlow, countOpenTickets, measureResponseTimes, type OpenTicketCount } from "@/lib/reports/dashboard";
import { ticketStatuses, TicketStatus } from "@/lib/tickets/status";
import { withParams } from "@/lib/url";

export const metadata: Metadata = { title: "Dashboard" };

const queue = (params: Record<string, string | number | undefined>) => withParams("/agent", {}, params);

/** Queue view of each open status, so that a status total opens the same list as its queue tab. */
const viewOfStatus: Record<number, string> = {
  [TicketStatus.Open]: "open",
  [TicketStatus.Answered]: "answered",
  [TicketStatus.AwaitingReply]: "awaiting",
  [TicketStatus.InProgress]: "in-progress",
};

function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const figureLink = "tabular-nums text-brand-700 hover:underline";

// Both median sections read the same figures; cache() runs the query once per request.
const loadResponseTimes = cache((actor: StaffActor) => measureResponseTimes(actor));

export default async function DashboardPage() {
  const actor = await requireStaff();
  const open = await countOpenTickets(actor);
  const totalOpen = open.reduce((sum, row) => sum + row.count, 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Dashboard"
        description={actor.role === "admin" ? "All departments." : "Your departments only. Every figure opens the matching tickets."}
      />
      <section aria-label="Summary" className="grid gap-4 sm:grid-cols-3">
        <Figure label="Not closed" value={String(totalOpen)} href={queue({ view: "active" })} note="tickets waiting on anyone" />
        {/* The medians are the slowest reads: the rest of the page does not wait for them. */}
        <Suspense fallback={[0, 1].map((i) => <Skeleton key={i} className="h-[104px]" />)}>
          <MedianFigures actor={actor} />
        </Suspense>
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <OpenByStatusAndDepartment rows={open} />
        <Suspense fallback={<Skeleton className="h-48" />}>
          <ResponseTimesByAgent actor={actor} />
        </Suspense>
      </div>
      <Suspense fallback={<Skeleton className="h-64" />}>
        <FlowChart actor={actor} />
      </Suspense>
    </div>
  );
}

async function MedianFigures({ actor }: { actor: StaffActor }) {
  const times = await loadResponseTimes(actor);
  return (
    <>
      <Figure
        label="Median first response"
        value={formatDuration(times.overall.firstResponseSeconds)}
        href={queue({ view: "all", createdFrom: times.since })}
        note={`over ${times.overall.respondedTickets} answered tickets opened in the last 30 days`}
      />
      <Figure
        label="Median resolution"
        value={formatDuration(times.overall.resolutionSeconds)}
        href={queue({ view: "closed", updatedFrom: times.since })}
        note={`over ${times.overall.resolvedTickets} tickets closed in the last 30 days`}
      />
    </>
  );
}

const Skeleton = ({ className }: { className: string }) => (
  <div aria-hidden="true" className={`animate-pulse rounded-lg bg-slate-200/70 ${className}`} />
);

function Figure({ label, value, href, note }: { label: string; value: string; href: string; note: string }) {
  return (
    <Card className="p-4">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold">
        <Link href={href} className={figureLink} aria-label={`${label}: ${value}`}>
          {value}
        </Link>
      </p>
      <p className="mt-1 text-xs text-slate-500">{note}</p>
    </Card>
  );
}

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-3 py-2";

function OpenByStatusAndDepartment({ rows }: { rows: OpenTicketCount[] }) {
  const statuses = ticketStatuses.filter((s) => s.code !== TicketStatus.Closed);
  const departments = [...new Map(rows.map((r) => [r.departmentId, r.departmentName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const cell = (status: number, departmentId: number) => rows.find((r) => r.status === status && r.departmentId === departmentId)?.count ?? 0;
  const statusTotal = (status: number) => rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0);
  const departmentTotal = (departmentId: number) => rows.filter((r) => r.departmentId === departmentId).reduce((sum, r) => sum + r.count, 0);
  return (
    <Card className="overflow-hidden">
      <h2 className="px-4 pt-4 pb-2 font-semibold">Open tickets by status and department</h2>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                Department
              </th>
              {statuses.map((s) => (
                <th key={s.code} scope="col" className={`${th} text-right`}>
                  {s.label}
                </th>
              ))}
              <th scope="col" className={`${th} text-right`}>
                Total
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {departments.length === 0 && (
              <tr>
                <td colSpan={statuses.length + 2} className="px-3 py-6 text-center text-slate-500">
                  No open tickets.
                </td>
              </tr>
            )}
            {departments.map(([id, name]) => (
              <tr key={id}>
                <th scope="row" className={`${td} text-left font-medium`}>
                  {name}
                </th>
                {statuses.map((s) => (
                  <td key={s.code} className={`${td} text-right`}>
                    <Link href={queue({ view: "all", status: s.code, department: id })} className={figureLink} aria-label={`${name}, ${s.label}: ${cell(s.code, id)}`}>
                      {cell(s.code, id)}
                    </Link>
                  </td>
                ))}
                <td className={`${td} text-right font-medium`}>
                  <Link href={queue({ view: "active", department: id })} className={figureLink} aria-label={`${name}, all open: ${departmentTotal(id)}`}>
                    {departmentTotal(id)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
          {departments.length > 0 && (
            <tfoot className="bg-slate-50 font-medium">
              <tr>
                <th scope="row" className={`${td} text-left`}>
                  All
                </th>
                {statuses.map((s) => (
                  <td key={s.code} className={`${td} text-right`}>
                    <Link href={queue({ view: viewOfStatus[s.code] })} className={figureLink} aria-label={`${s.label}: ${statusTotal(s.code)}`}>
                      {statusTotal(s.code)}
                    </Link>
                  </td>
                ))}
                <td className={`${td} text-right`}>
                  <Link href={queue({ view: "active" })} className={figureLink}>
                    {rows.reduce((sum, r) => sum + r.count, 0)}
                  </Link>
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </Card>
  );
}

async function ResponseTimesByAgent({ actor }: { actor: StaffActor }) {
  const times = await loadResponseTimes(actor);
  return (
    <Card className="overflow-hidden">
      <h2 className="px-4 pt-4 pb-2 font-semibold">Median times by agent, last 30 days</h2>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                Assignee
              </th>
              <th scope="col" className={`${th} text-right`}>
                First response
              </th>
              <th scope="col" className={`${th} text-right`}>
                Resolution
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {times.perAgent.length === 0 && (
              <tr>
                <td colSpan={3} className="px-3 py-6 text-center text-slate-500">
                  No replies or closed tickets in the last 30 days.
                </td>
              </tr>
            )}
            {times.perAgent.map((agent) => (
              <tr key={agent.staffId ?? "unassigned"}>
                <th scope="row" className={`${td} text-left font-medium`}>
                  {agent.name}
                </th>
                <td className={`${td} text-right`}>
                  <AgentFigure
                    seconds={agent.firstResponseSeconds}
                    tickets={agent.respondedTickets}
                    href={agent.staffId === null ? undefined : queue({ view: "all", assignee: agent.staffId, createdFrom: times.since })}
                  />
                </td>
                <td className={`${td} text-right`}>
                  <AgentFigure
                    seconds={agent.resolutionSeconds}
                    tickets={agent.resolvedTickets}
                    href={agent.staffId === null ? undefined : queue({ view: "closed", assignee: agent.staffId, updatedFrom: times.since })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function AgentFigure({ seconds, tickets, href }: { seconds: number | null; tickets: number; href?: string }) {
  const value = formatDuration(seconds);
  return (
    <span className="whitespace-nowrap">
      {href && seconds !== null ? (
        <Link href={href} className={figureLink}>
          {value}
        </Link>
      ) : (
        <span className="tabular-nums">{value}</span>
      )}{" "}
      <span className="text-xs text-slate-500">({tickets})</span>
    </span>
  );
}

const shortDay = (day: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** Two bars per day in plain CSS; every bar opens that day's tickets in the queue. */
async function FlowChart({ actor }: { actor: StaffActor }) {
  const flow = await countDailyFlow(actor);
  const max = Math.max(1, ...flow.map((d) => Math.max(d.created, d.closed)));
  const totalNew = flow.reduce((sum, d) => sum + d.created, 0);
  const totalClosed = flow.reduce((sum, d) => sum + d.closed, 0);
  return (
    <Card className="p-4">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">New and closed tickets per day, last 30 days</h2>
        <p className="flex gap-4 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm bg-brand-600" aria-hidden="true" /> New ({totalNew})
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm bg-slate-400" aria-hidden="true" /> Closed ({totalClosed})
          </span>
        </p>
      </div>
      <div className="flex">
        <div className="flex h-40 flex-col justify-between pr-2 text-right text-xs text-slate-500 tabular-nums" aria-hidden="true">
          <span>{max}</span>
          <span>0</span>
        </div>
        <ol aria-label="Tickets per day" className="flex h-40 flex-1 items-end gap-px border-b border-l border-slate-300 sm:gap-1">
          {flow.map((d) => (
            <li key={d.day} className="flex h-full min-w-0 flex-1 items-end justify-center gap-px">
              <Link
                href={queue({ view: "all", createdFrom: d.day, createdTo: d.day })}
                aria-label={`${shortDay(d.day)}: ${d.created} new`}
                title={`${shortDay(d.day)}: ${d.created} new`}
                className="w-1/2 max-w-3 rounded-t-sm bg-brand-600 hover:bg-brand-700"
                style={{ height: `${(d.created / max) * 100}%`, minHeight: d.created ? 2 : 0 }}
              />
              {/* Closing a ticket is its last update, so that day's closed tickets are the closed view updated then. */}
              <Link
                href={queue({ view: "closed", updatedFrom: d.day, updatedTo: d.day })}
                aria-label={`${shortDay(d.day)}: ${d.closed} closed`}
                title={`${shortDay(d.day)}: ${d.closed} closed`}
                className="w-1/2 max-w-3 rounded-t-sm bg-slate-400 hover:bg-slate-500"
                style={{ height: `${(d.closed / max) * 100}%`, minHeight: d.closed ? 2 : 0 }}
              />
            </li>
          ))}
        </ol>
      </div>
      <div className="mt-1 flex justify-between pl-8 text-xs text-slate-500">
        <span>{shortDay(flow[0]!.day)}</span>
        <span>{shortDay(flow[Math.floor(flow.length / 2)]!.day)}</span>
        <span>{shortDay(flow[flow.length - 1]!.day)}</span>
      </div>
    </Card>
  );
}
