import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listEmailAddressesForAdmin } from "@/lib/mail/address-admin";

export const metadata: Metadata = { title: "Email addresses" };

export default async function EmailAddressesPage() {
  await requireAdmin();
  const rows = await listEmailAddressesForAdmin();
  return (
    <div>
      <PageHeader
        title="Email addresses"
        description="Where mail goes out from and comes in to."
        actions={
          <>
            <ButtonLink href="/admin/email/outbox" variant="secondary">
              Outbox &amp; inbound mail
            </ButtonLink>
            <ButtonLink href="/admin/email/new">New address</ButtonLink>
          </>
        }
      />
      <Card className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No email addresses yet.</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Address</th>
                <th scope="col" className="px-4 py-2 font-medium">Department</th>
                <th scope="col" className="px-4 py-2 font-medium">Outgoing</th>
                <th scope="col" className="px-4 py-2 font-medium">Incoming</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-2">
                    <Link href={`/admin/email/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      {row.email}
                    </Link>
                    {row.isDefault && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Default</span>}
                    <span className="block text-xs text-slate-500">{row.senderName}</span>
                  </td>
                  <td className="px-4 py-2 text-slate-700">{row.department ?? "—"}</td>
                  <td className="px-4 py-2 text-slate-700">{row.smtpHost ?? "Not set"}</td>
                  <td className="px-4 py-2 uppercase text-slate-700">{row.incoming}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
