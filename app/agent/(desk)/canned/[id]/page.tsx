import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteButton } from "@/app/admin/delete-button";
import { CannedForm } from "@/components/canned/canned-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { placeholderNames } from "@/lib/canned";
import { getCannedResponseOf } from "@/lib/canned/manage";
import { idSchema } from "@/lib/validation/admin";
import { deletePersonalCannedAction, savePersonalCannedAction } from "../actions";

export const metadata: Metadata = { title: "Canned response" };

export default async function PersonalCannedResponsePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const raw = (await params).id;
  if (raw === "new") {
    return (
      <div className="max-w-4xl">
        <PageHeader title="New canned response" description="Only you will see it." />
        <Card className="p-6">
          <CannedForm id={null} initial={{ title: "", body: "" }} placeholders={placeholderNames} save={savePersonalCannedAction} backHref="/agent/canned" />
        </Card>
      </div>
    );
  }
  const id = idSchema.safeParse(raw);
  // Another agent's (or a shared) response is not found here.
  const row = id.success ? await getCannedResponseOf({ staffId: actor.id }, id.data) : null;
  if (!row) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={row.title} description="Your canned response" />
      <Card className="p-6">
        <CannedForm id={row.id} initial={{ title: row.title, body: row.body }} placeholders={placeholderNames} save={savePersonalCannedAction} backHref="/agent/canned" />
      </Card>
      <DeleteButton label="Delete canned response" confirm="Delete this canned response?" action={deletePersonalCannedAction.bind(null, row.id)} />
    </div>
  );
}
