import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/tables/pagination";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getOrganization, listOrganizationMembers } from "@/lib/organizations/manage";
import { getSettings } from "@/lib/settings";
import { customerTicketsPageSchema } from "@/lib/validation/customers";
import { organizationIdSchema } from "@/lib/validation/organizations";
import { OrganizationForm } from "../organization-form";

export const metadata: Metadata = { title: "Organization" };

async function loadOrganization(id: number) {
  try {
    return await getOrganization(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  await requireStaff();
  const id = organizationIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const raw = await searchParams;
  const { page } = customerTicketsPageSchema.parse(raw);
  const settings = await getSettings();
  const [organization, members] = await Promise.all([loadOrganization(id.data), listOrganizationMembers(id.data, page, settings.pageSize)]);
  return (
    <div className="space-y-4">
      <Link href="/agent/organizations" className="text-sm text-slate-600 hover:underline">
        ← Organizations
      </Link>
      <PageHeader title={organization.name} description={organization.domains.length ? organization.domains.join(", ") : "No email domains"} />
      {raw.created === "1" && <Alert tone="success">Organization created.</Alert>}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-4 font-semibold">Settings</h2>
          <OrganizationForm
            key={`${organization.name}|${organization.domains.join(",")}|${organization.sharesTickets}`}
            mode="edit"
            id={organization.id}
            initial={{ name: organization.name, sharesTickets: organization.sharesTickets, domains: organization.domains.join("\n") }}
          />
        </Card>
        <div>
          <h2 className="mb-2 font-semibold">Members</h2>
          <p className="mb-3 text-sm text-slate-600">Move a customer here from their customer page.</p>
          <Card className="overflow-hidden">
            <ul className="divide-y divide-slate-100 text-sm">
              {members.rows.length === 0 && <li className="px-4 py-6 text-center text-slate-500">No members yet.</li>}
              {members.rows.map((member) => (
                <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                  <Link href={`/agent/customers/${member.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {member.fullname}
                  </Link>
                  <span className="break-all text-slate-600">
                    {member.email}
                    {member.blocked && <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Blocked</span>}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          <Pagination path={`/agent/organizations/${organization.id}`} params={{}} page={page} pageCount={members.pageCount} total={members.total} noun={["member", "members"]} />
        </div>
      </div>
    </div>
  );
}
