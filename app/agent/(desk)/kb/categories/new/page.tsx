import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { categoryTree } from "@/lib/kb/manage";
import { listCategories } from "@/lib/kb/queries";
import { saveCategoryAction } from "../../actions";
import { CategoryForm } from "../category-form";

export const metadata: Metadata = { title: "New category" };

export default async function NewKbCategoryPage() {
  await requireStaff();
  const categories = await listCategories();
  return (
    <div>
      <PageHeader title="New category" />
      <CategoryForm initial={{ name: "", description: "", parentId: "", isPublic: true }} parents={categoryTree(categories)} action={saveCategoryAction.bind(null, null)} />
    </div>
  );
}
