import type { Metadata } from "next";
import Link from "next/link";
import { OrderButtons } from "@/app/admin/order-buttons";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listFeedbackCategories } from "@/lib/feedback/queries";
import { moveFeedbackCategoryAction } from "../actions";

export const metadata: Metadata = { title: "Feedback categories" };

export default async function FeedbackCategoriesPage() {
  await requireStaff();
  const categories = await listFeedbackCategories();
  return (
    <div>
      <PageHeader
        title="Feedback categories"
        description="Customers file their ideas under these, in this order."
        actions={
          <>
            <Link href="/agent/feedback" className={buttonClass("secondary")}>
              Feedback
            </Link>
            <Link href="/agent/feedback/categories/new" className={buttonClass()}>
              New category
            </Link>
          </>
        }
      />
      <Card>
        {categories.length === 0 ? (
          <p className="p-6 text-sm text-slate-500">No categories yet: customers submit without one.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {categories.map((c, index) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
                <span>
                  <Link href={`/agent/feedback/categories/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                  {c.description && <span className="ml-2 text-slate-500">{c.description}</span>}
                  <Link href={`/agent/feedback?category=${c.id}`} className="ml-3 text-xs text-slate-500 hover:underline">
                    items
                  </Link>
                </span>
                <OrderButtons id={c.id} label={c.name} first={index === 0} last={index === categories.length - 1} action={moveFeedbackCategoryAction} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
