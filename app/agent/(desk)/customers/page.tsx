import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/tables/pagination";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { requireStaff } from "@/lib/auth/session";
import { listOrganizations } from "@/lib/organizations";
import { getSettings } from "@/lib/settings";
import { listCustomerDirectory } from "@/lib/users/directory";
import { customerDirectoryQuerySchema } from "@/lib/validation/customers";
import { CustomersTable } from "./customers-table";

export const metadata: Metadata = { title: "Customers" };

const label = "mb-1 block text-xs font-medium text-slate-600";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireStaff();
  const raw = await searchParams;
  const query = customerDirectoryQuerySchema.parse(raw);
  const settings = await getSettings();
  const [result, organizations] = await Promise.all([listCustomerDirectory(actor, query, settings.pageSize), listOrganizations()]);
  const { page, ...params } = query;
  return (
    <div>
      <PageHeader title="Customers" description="Everyone who has opened a ticket or registered. Ticket counts cover your departments." />
      {raw.deleted === "1" && (
        <div className="mb-4">
          <Alert tone="success">The customer and their tickets were deleted.</Alert>
        </div>
      )}
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div className="w-full sm:w-auto">
          <label htmlFor="q" className={label}>
            Search
          </label>
          <Input id="q" name="q" type="search" defaultValue={query.q} placeholder="Name or email" className="sm:w-72" />
        </div>
        <div>
          <label htmlFor="organization" className={label}>
            Organization
          </label>
          <Select id="organization" name="organization" defaultValue={query.organization ?? ""} className="w-48">
            <option value="">Any organization</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="state" className={label}>
            State
          </label>
          <Select id="state" name="state" defaultValue={query.state ?? ""} className="w-36">
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="blocked">Blocked</option>
          </Select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        <Link href="/agent/customers" className="px-2 py-2 text-sm text-slate-600 hover:underline">
          Reset
        </Link>
      </form>
      <CustomersTable rows={result.rows} params={params} />
      <Pagination path="/agent/customers" params={params} page={page} pageCount={result.pageCount} total={result.total} noun={["customer", "customers"]} />
    </div>
  );
}
