import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { getFeedbackCategory } from "@/lib/feedback/manage";
import { FeedbackCategoryForm } from "../category-form";

export const metadata: Metadata = { title: "Feedback category" };

export default async function EditFeedbackCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = z.coerce.number().int().positive().max(4_294_967_295).safeParse((await params).id);
  if (!id.success) notFound();
  const category = await getFeedbackCategory(id.data).catch(() => notFound());
  return (
    <div>
      <PageHeader title={category.name} description="Feedback category" />
      <Card className="p-6">
        <FeedbackCategoryForm id={category.id} initial={{ name: category.name, description: category.description }} />
      </Card>
    </div>
  );
}
