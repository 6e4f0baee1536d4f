import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { ApiKeyForm } from "../api-key-form";

export const metadata: Metadata = { title: "New API key" };

export default async function NewApiKeyPage() {
  await requireAdmin();
  return (
    <div>
      <PageHeader title="New API key" description="The token is shown once, right after you create the key." />
      <Card className="p-6">
        <ApiKeyForm mode="create" />
      </Card>
    </div>
  );
}
