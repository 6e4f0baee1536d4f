import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { EmailAddressForm } from "../email-address-form";

export const metadata: Metadata = { title: "New email address" };

export default async function NewEmailAddressPage() {
  await requireAdmin();
  const departments = await listDepartments();
  return (
    <div>
      <PageHeader title="New email address" />
      <Card className="p-6">
        <EmailAddressForm mode="create" departments={departments} />
      </Card>
    </div>
  );
}
