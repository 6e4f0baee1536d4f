import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { placeholderNames } from "@/lib/canned";
import { getCannedResponseOf, sharedCanned } from "@/lib/canned/manage";
import { idSchema } from "@/lib/validation/admin";
import { DeleteButton } from "../../delete-button";
import { deleteCannedAction } from "../actions";
import { CannedForm } from "@/components/canned/canned-form";
import { saveCannedAction } from "../actions";

export const metadata: Metadata = { title: "Canned response" };

export default async function CannedResponsePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const raw = (await params).id;
  if (raw === "new") {
    return (
      <div>
        <PageHeader title="New canned response" />
        <Card className="p-6">
          <CannedForm id={null} initial={{ title: "", body: "" }} placeholders={placeholderNames} save={saveCannedAction} backHref="/admin/canned" />
        </Card>
      </div>
    );
  }
  const id = idSchema.safeParse(raw);
  if (!id.success) notFound();
  const row = await getCannedResponseOf(sharedCanned, id.data);
  if (!row) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={row.title} description="Shared canned response" />
      <Card className="p-6">
        <CannedForm id={row.id} initial={{ title: row.title, body: row.body }} placeholders={placeholderNames} save={saveCannedAction} backHref="/admin/canned" />
      </Card>
      <DeleteButton label="Delete canned response" confirm="Delete this canned response?" action={deleteCannedAction.bind(null, row.id)} />
    </div>
  );
}
