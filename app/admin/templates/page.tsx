import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listTemplatesForAdmin } from "@/lib/mail/template-admin";

export const metadata: Metadata = { title: "Email templates" };

export default async function TemplatesPage() {
  await requireAdmin();
  const rows = await listTemplatesForAdmin();
  return (
    <div>
      <PageHeader title="Email templates" description="One email per event. Until you save one, the built-in text is used." />
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Event</th>
              <th scope="col" className="px-4 py-2 font-medium">To</th>
              <th scope="col" className="px-4 py-2 font-medium">Subject</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.event}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/templates/${row.event}`} className="text-brand-700 hover:underline">
                    {row.label}
                  </Link>
                </td>
                <td className="px-4 py-2 text-slate-700">{row.audience}</td>
                <td className="px-4 py-2 font-mono text-xs text-slate-700">{row.subject}</td>
                <td className="px-4 py-2">
                  {row.enabled ? <span className="text-emerald-700">On</span> : <span className="text-slate-500">Off</span>}
                  {row.mandatory && <span className="ml-1 text-xs text-slate-500">(required)</span>}
                  {row.customized && <span className="ml-1 text-xs text-slate-500">· edited</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
