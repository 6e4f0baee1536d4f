import type { Metadata } from "next";
import { Pagination } from "@/components/tables/pagination";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { requireUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { listCustomerTickets } from "@/lib/tickets/queries";
import { ticketStatuses } from "@/lib/tickets/status";
import { customerTicketsQuerySchema } from "@/lib/validation/tickets";
import { CustomerTicketsTable } from "./customer-tickets-table";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const user = await requireUser();
  const query = customerTicketsQuerySchema.parse(await searchParams);
  const { pageSize } = await getSettings();
  const result = await listCustomerTickets(user, query, pageSize);
  const params = { status: query.status, q: query.q, sort: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title="My tickets"
        description={
          user.seesOrganizationTickets
            ? `Signed in as ${user.email} · with your organization's tickets`
            : `Signed in as ${user.email}`
        }
        actions={<ButtonLink href="/open">Open a ticket</ButtonLink>}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
            Search
          </label>
          <Input id="q" name="q" defaultValue={query.q} placeholder="Number or subject" className="w-56" />
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select id="status" name="status" defaultValue={query.status ?? ""} className="w-44">
            <option value="">Any status</option>
            {ticketStatuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      <CustomerTicketsTable rows={result.rows} params={params} showRequester={user.seesOrganizationTickets} />
      <Pagination
        path="/account/tickets"
        params={params}
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
      />
    </div>
  );
}
