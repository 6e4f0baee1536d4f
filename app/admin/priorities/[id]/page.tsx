import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getPriority } from "@/lib/priorities/manage";
import { idSchema } from "@/lib/validation/admin";
import { DeleteButton } from "../../delete-button";
import { deletePriorityAction } from "../actions";
import { PriorityForm } from "../priority-form";

export const metadata: Metadata = { title: "Priority" };

export default async function PriorityPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const raw = (await params).id;
  if (raw === "new") {
    return (
      <div>
        <PageHeader title="New priority" />
        <Card className="p-6">
          <PriorityForm id={null} initial={{ name: "", color: "#64748b" }} />
        </Card>
      </div>
    );
  }
  const id = idSchema.safeParse(raw);
  if (!id.success) notFound();
  const row = await getPriority(id.data);
  if (!row) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={row.name} description="Priority" />
      <Card className="p-6">
        <PriorityForm id={row.id} initial={{ name: row.name, color: row.color }} />
      </Card>
      <DeleteButton label="Delete priority" confirm="Delete this priority? Tickets that have it keep no priority." action={deletePriorityAction.bind(null, row.id)} />
    </div>
  );
}
