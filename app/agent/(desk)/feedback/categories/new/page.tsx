import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { FeedbackCategoryForm } from "../category-form";

export const metadata: Metadata = { title: "New feedback category" };

export default async function NewFeedbackCategoryPage() {
  await requireStaff();
  return (
    <div>
      <PageHeader title="New feedback category" />
      <Card className="p-6">
        <FeedbackCategoryForm id={null} initial={{ name: "", description: "" }} />
      </Card>
    </div>
  );
}
