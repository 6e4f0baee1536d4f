import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getCustomField } from "@/lib/custom-fields";
import { listDepartments } from "@/lib/departments";
import { idSchema } from "@/lib/validation/admin";
import { DeleteButton } from "../../delete-button";
import { deleteCustomFieldAction } from "../actions";
import { CustomFieldForm } from "../custom-field-form";

export const metadata: Metadata = { title: "Custom field" };

export default async function CustomFieldPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const raw = (await params).id;
  const departments = await listDepartments();
  if (raw === "new") {
    return (
      <div>
        <PageHeader title="New custom field" />
        <Card className="p-6">
          <CustomFieldForm
            id={null}
            departments={departments}
            initial={{ type: "text", title: "", description: "", required: false, options: "", allDepartments: true, departmentIds: [] }}
          />
        </Card>
      </div>
    );
  }
  const id = idSchema.safeParse(raw);
  if (!id.success) notFound();
  const field = await getCustomField(id.data);
  if (!field) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={field.title} description="Custom field" />
      <Card className="p-6">
        <CustomFieldForm
          id={field.id}
          departments={departments}
          initial={{
            type: field.type,
            title: field.title,
            description: field.description ?? "",
            required: field.required,
            options: (field.options ?? []).join("\n"),
            allDepartments: field.allDepartments,
            departmentIds: field.departmentIds.map(String),
          }}
        />
      </Card>
      <DeleteButton label="Delete custom field" confirm="Delete this field and the values stored on tickets?" action={deleteCustomFieldAction.bind(null, field.id)} />
    </div>
  );
}
