import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { listFeedbackCategories } from "@/lib/feedback/queries";
import { requireFeedbackReader } from "../access";
import { FeedbackSubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "Share an idea" };

export default async function NewFeedbackPage() {
  const { user, settings } = await requireFeedbackReader("/feedback/new");
  // Only signed-in customers submit (staff have the agent interface).
  if (!user) redirect(`/login?next=${encodeURIComponent("/feedback/new")}`);
  const categories = await listFeedbackCategories();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/feedback" className="text-brand-700 hover:underline">
          Feedback
        </Link>
      </nav>
      <Card className="p-6 sm:p-8">
        <h1 className="text-2xl font-semibold">Share an idea</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Tell us what would make things better. Others can vote for it{settings.feedbackRequiresApproval ? " once our team has approved it" : ""}, and you will get an email when its status changes.
        </p>
        <FeedbackSubmitForm categories={categories.map((c) => ({ id: c.id, name: c.name }))} />
      </Card>
    </div>
  );
}
