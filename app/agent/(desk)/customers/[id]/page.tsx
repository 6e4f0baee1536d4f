import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/tables/pagination";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { listOrganizations } from "@/lib/organizations";
import { getSettings } from "@/lib/settings";
import { getCustomerForStaff, listCustomerTicketsForStaff } from "@/lib/users/directory";
import { customerIdSchema, customerTicketsPageSchema } from "@/lib/validation/customers";
import { CustomerDangerZone, CustomerEditForm } from "./customer-forms";

export const metadata: Metadata = { title: "Customer" };

async function loadCustomer(id: number) {
  try {
    return await getCustomerForStaff(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const dateDisplay = await getDateDisplay();
  const actor = await requireStaff();
  const id = customerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const { page } = customerTicketsPageSchema.parse(await searchParams);
  const settings = await getSettings();
  const [customer, ticketPage, organizations] = await Promise.all([
    loadCustomer(id.data),
    listCustomerTicketsForStaff(actor, id.data, page, settings.pageSize),
    listOrganizations(),
  ]);
  const th = "px-3 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
  return (
    <div className="space-y-6">
      <div>
        <Link href="/agent/customers" className="text-sm text-slate-600 hover:underline">
          ← Customers
        </Link>
      </div>
      <PageHeader
        title={customer.fullname}
        description={
          <>
            <span className="break-all">{customer.email}</span>
            {customer.organizationName && <> · {customer.organizationName}</>}
            {customer.blocked && <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Blocked</span>}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-3 lg:col-span-2">
          <h2 className="font-semibold">Tickets{actor.role !== "admin" && <span className="font-normal text-slate-500"> in your departments</span>}</h2>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">The customer&apos;s tickets</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>#</th>
                  <th scope="col" className={th}>Subject</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>Department</th>
                  <th scope="col" className={th}>Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ticketPage.rows.length === 0 && (
                  <tr>
                    <td colSpan={5} className="px-3 py-8 text-center text-slate-500">
                      No tickets{actor.role !== "admin" ? " in your departments" : ""}.
                    </td>
                  </tr>
                )}
                {ticketPage.rows.map((ticket) => (
                  <tr key={ticket.id} className="hover:bg-slate-50">
                    <td className="px-3 py-2.5 text-slate-500 tabular-nums">{ticket.id}</td>
                    <td className="px-3 py-2.5">
                      <Link href={`/agent/tickets/${ticket.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {ticket.subject}
                      </Link>
                    </td>
                    <td className="px-3 py-2.5">
                      <StatusBadge status={ticket.status} />
                    </td>
                    <td className="px-3 py-2.5">{ticket.departmentName}</td>
                    <td className="px-3 py-2.5 whitespace-nowrap text-slate-600">{formatDateTime(ticket.lastUpdateAt, dateDisplay)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination path={`/agent/customers/${customer.id}`} params={{}} page={page} pageCount={ticketPage.pageCount} total={ticketPage.total} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card className="p-4">
            <h2 className="mb-3 font-semibold">Details</h2>
            <CustomerEditForm
              id={customer.id}
              initial={{ fullname: customer.fullname, email: customer.email, organizationId: customer.organizationId ? String(customer.organizationId) : "" }}
              organizations={organizations}
            />
            <dl className="mt-4 grid grid-cols-2 gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600">
              <dt>Customer since</dt>
              <dd>{formatDateTime(customer.createdAt, dateDisplay)}</dd>
              <dt>Last sign-in</dt>
              <dd>{customer.lastLoginAt ? formatDateTime(customer.lastLoginAt, dateDisplay) : customer.hasPassword ? "Never" : "No password set"}</dd>
            </dl>
          </Card>
          <CustomerDangerZone
            id={customer.id}
            email={customer.email}
            blocked={customer.blocked}
            canDelete={can(actor, "customers.delete")}
          />
        </div>
      </div>
    </div>
  );
}
