import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { OrganizationForm } from "../organization-form";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  await requireStaff();
  return (
    <div className="space-y-4">
      <Link href="/agent/organizations" className="text-sm text-slate-600 hover:underline">
        ← Organizations
      </Link>
      <PageHeader title="New organization" />
      <Card className="p-5">
        <OrganizationForm mode="create" />
      </Card>
    </div>
  );
}
