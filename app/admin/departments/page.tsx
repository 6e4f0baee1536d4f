import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartmentsWithCounts } from "@/lib/departments";
import { OrderButtons } from "../order-buttons";
import { moveDepartmentAction } from "./actions";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  await requireAdmin();
  const rows = await listDepartmentsWithCounts();
  return (
    <div>
      <PageHeader
        title="Departments"
        description="Tickets belong to a department; agents see the departments they work in."
        actions={<ButtonLink href="/admin/departments/new">New department</ButtonLink>}
      />
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Visibility</th>
              <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Portal</th>
              <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">Tickets</th>
              <th scope="col" className="px-4 py-2 font-medium">Order</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, index) => (
              <tr key={row.id}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/departments/${row.id}`} className="text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{row.isPrivate ? "Private" : "Public"}</td>
                <td className="hidden px-4 py-2 sm:table-cell">{!row.isPrivate && row.portalEnabled ? "Offered" : <span className="text-slate-500">Not offered</span>}</td>
                <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{row.tickets}</td>
                <td className="px-4 py-2">
                  <OrderButtons id={row.id} label={row.name} first={index === 0} last={index === rows.length - 1} action={moveDepartmentAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-6 text-sm text-slate-600">No departments yet.</p>}
      </Card>
    </div>
  );
}
