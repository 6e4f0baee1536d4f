import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartmentsWithCounts } from "@/lib/departments";
import { idSchema } from "@/lib/validation/admin";
import { DeleteDepartmentForm } from "../delete-department-form";
import { DepartmentForm } from "../department-form";

export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const all = await listDepartmentsWithCounts();
  const department = all.find((d) => d.id === id.data);
  if (!department) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={department.name} description="Department" />
      <Card className="p-6">
        <DepartmentForm
          mode="edit"
          id={department.id}
          initial={{ name: department.name, isPrivate: department.isPrivate, portalEnabled: department.portalEnabled }}
        />
      </Card>
      <Card className="p-6">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Delete this department</h2>
        <DeleteDepartmentForm
          id={department.id}
          ticketCount={department.tickets}
          others={all.filter((d) => d.id !== department.id).map((d) => ({ id: d.id, name: d.name }))}
        />
      </Card>
    </div>
  );
}
