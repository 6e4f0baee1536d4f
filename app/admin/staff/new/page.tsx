import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "New staff member" };

export default async function NewStaffPage() {
  await requireAdmin();
  const departments = await listDepartments();
  return (
    <div>
      <PageHeader title="New staff member" />
      <Card className="p-6">
        <StaffForm mode="create" departments={departments} />
      </Card>
    </div>
  );
}
