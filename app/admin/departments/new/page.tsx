import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { DepartmentForm } from "../department-form";

export const metadata: Metadata = { title: "New department" };

export default async function NewDepartmentPage() {
  await requireAdmin();
  return (
    <div>
      <PageHeader title="New department" />
      <Card className="p-6">
        <DepartmentForm mode="create" />
      </Card>
    </div>
  );
}
