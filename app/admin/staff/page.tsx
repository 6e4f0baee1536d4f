import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { listStaffMembers } from "@/lib/staff/manage";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const dateDisplay = await getDateDisplay();
  await requireAdmin();
  const rows = await listStaffMembers();
  return (
    <div>
      <PageHeader title="Staff" description="Agents answer tickets in their departments; admins also configure the help desk." actions={<ButtonLink href="/admin/staff/new">New staff member</ButtonLink>} />
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Username</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Departments</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Last sign-in</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/staff/${row.id}`} className="text-brand-700 hover:underline">
                    {row.fullname}
                  </Link>
                  <span className="block text-xs font-normal text-slate-500">{row.email}</span>
                </td>
                <td className="px-4 py-2 text-slate-700">{row.username}</td>
                <td className="px-4 py-2 capitalize">{row.role}</td>
                <td className="px-4 py-2 text-slate-700">{row.role === "admin" ? "All" : row.departments.join(", ") || "None"}</td>
                <td className="px-4 py-2">{row.active ? <span className="text-emerald-700">Active</span> : <span className="text-slate-500">Inactive</span>}</td>
                <td className="px-4 py-2 text-slate-600">{row.lastLoginAt ? formatDateTime(row.lastLoginAt, dateDisplay) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
