import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DeleteButton } from "@/app/admin/delete-button";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { categoryTree } from "@/lib/kb/manage";
import { listCategories } from "@/lib/kb/queries";
import { deleteCategoryAction, saveCategoryAction } from "../../actions";
import { CategoryForm } from "../category-form";

export const metadata: Metadata = { title: "Edit category" };

export default async function EditKbCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  if (!id.success) notFound();
  const categories = await listCategories();
  const category = categories.find((c) => c.id === id.data);
  if (!category) notFound();
  // A category cannot move inside itself or its own subcategories.
  const tree = categoryTree(categories);
  const excluded = new Set([category.id]);
  for (const c of tree) if (c.parentId != null && excluded.has(c.parentId)) excluded.add(c.id);
  return (
    <div className="space-y-6">
      <PageHeader title={category.name} />
      <CategoryForm
        initial={{ name: category.name, description: category.description, parentId: category.parentId == null ? "" : String(category.parentId), isPublic: category.isPublic }}
        parents={tree.filter((c) => !excluded.has(c.id))}
        action={saveCategoryAction.bind(null, category.id)}
      />
      <div className="max-w-2xl border-t border-slate-200 pt-6">
        <DeleteButton
          label="Delete category"
          confirm={`Delete “${category.name}”? Its subcategories move up one level and its articles become uncategorised.`}
          action={deleteCategoryAction.bind(null, category.id)}
        />
      </div>
    </div>
  );
}
