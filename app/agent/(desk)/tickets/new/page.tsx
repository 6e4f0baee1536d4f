import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listFieldsByDepartment } from "@/lib/custom-fields";
import { listDepartments } from "@/lib/departments";
import { listPriorities } from "@/lib/staff";
import { NewTicketForm } from "./new-ticket-form";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage() {
  const actor = await requireStaff();
  const [departments, priorities] = await Promise.all([listDepartments(), listPriorities()]);
  const mine = actor.role === "admin" ? departments : departments.filter((d) => actor.departmentIds.includes(d.id));
  const fieldsByDepartment = await listFieldsByDepartment(mine.map((d) => d.id));
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="New ticket" description="Open a ticket on behalf of a customer." />
      <Card className="p-6">
        <NewTicketForm departments={mine} priorities={priorities} fieldsByDepartment={fieldsByDepartment} />
      </Card>
    </div>
  );
}
