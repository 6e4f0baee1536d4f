import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listOrganizationsWithDetails } from "@/lib/organizations/manage";
import { withParams } from "@/lib/url";

export const metadata: Metadata = { title: "Organizations" };

const th = "px-3 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";

export default async function OrganizationsPage() {
  await requireStaff();
  const organizations = await listOrganizationsWithDetails();
  return (
    <div>
      <PageHeader
        title="Organizations"
        description="Group customers by company. Email domains place new customers automatically."
        actions={<ButtonLink href="/agent/organizations/new">New organization</ButtonLink>}
      />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Organizations</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>Name</th>
              <th scope="col" className={th}>Domains</th>
              <th scope="col" className={th}>Members</th>
              <th scope="col" className={th}>Shared tickets</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {organizations.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-10 text-center text-slate-500">
                  No organizations yet.
                </td>
              </tr>
            )}
            {organizations.map((organization) => (
              <tr key={organization.id} className="hover:bg-slate-50">
                <td className="px-3 py-2.5">
                  <Link href={`/agent/organizations/${organization.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {organization.name}
                  </Link>
                </td>
                <td className="px-3 py-2.5 text-slate-600">{organization.domains.join(", ") || <span className="text-slate-400">—</span>}</td>
                <td className="px-3 py-2.5 tabular-nums">
                  <Link href={withParams("/agent/customers", {}, { organization: organization.id })} className="text-brand-700 hover:underline">
                    {organization.members}
                  </Link>
                </td>
                <td className="px-3 py-2.5 text-slate-600">{organization.sharesTickets ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
