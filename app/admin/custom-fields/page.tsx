import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listCustomFieldsForAdmin } from "@/lib/custom-fields";
import { OrderButtons } from "../order-buttons";
import { moveCustomFieldAction } from "./actions";

export const metadata: Metadata = { title: "Custom fields" };

export default async function CustomFieldsPage() {
  await requireAdmin();
  const rows = await listCustomFieldsForAdmin();
  return (
    <div>
      <PageHeader title="Custom fields" description="Extra questions on the ticket forms, per department." actions={<ButtonLink href="/admin/custom-fields/new">New custom field</ButtonLink>} />
      <Card className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No custom fields yet.</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Title</th>
                <th scope="col" className="px-4 py-2 font-medium">Type</th>
                <th scope="col" className="px-4 py-2 font-medium">Required</th>
                <th scope="col" className="px-4 py-2 font-medium">Departments</th>
                <th scope="col" className="px-4 py-2 font-medium">Order</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row, index) => (
                <tr key={row.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/admin/custom-fields/${row.id}`} className="text-brand-700 hover:underline">
                      {row.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2 capitalize">{row.type}</td>
                  <td className="px-4 py-2">{row.required ? "Yes" : "No"}</td>
                  <td className="px-4 py-2 text-slate-700">{row.allDepartments ? "All" : row.departments.join(", ")}</td>
                  <td className="px-4 py-2">
                    <OrderButtons id={row.id} label={row.title} first={index === 0} last={index === rows.length - 1} action={moveCustomFieldAction} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
