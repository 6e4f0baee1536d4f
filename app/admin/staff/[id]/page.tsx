import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { getStaffMember } from "@/lib/staff/manage";
import { idSchema } from "@/lib/validation/admin";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Staff member" };

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [member, departments] = await Promise.all([getStaffMember(id.data), listDepartments()]);
  if (!member) notFound();
  return (
    <div>
      <PageHeader title={member.fullname} description={member.role === "admin" ? "Admin" : "Agent"} />
      <Card className="p-6">
        <StaffForm
          mode="edit"
          id={member.id}
          departments={departments}
          initial={{
            fullname: member.fullname,
            email: member.email,
            username: member.username,
            role: member.role,
            departmentIds: member.departmentIds.map(String) as unknown as number[],
            active: member.active,
            passwordMode: "keep",
            password: "",
          }}
        />
      </Card>
    </div>
  );
}
