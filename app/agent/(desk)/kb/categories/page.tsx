import type { Metadata } from "next";
import Link from "next/link";
import { OrderButtons } from "@/app/admin/order-buttons";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { categoryTree } from "@/lib/kb/manage";
import { listCategories, visibleCategories } from "@/lib/kb/queries";
import { moveCategoryAction } from "../actions";

export const metadata: Metadata = { title: "Knowledge base categories" };

export default async function KbCategoriesPage() {
  await requireStaff();
  const categories = await listCategories();
  const tree = categoryTree(categories);
  const onPortal = new Set(visibleCategories(categories, { staff: false }).map((c) => c.id));
  return (
    <div>
      <PageHeader
        title="Categories"
        description="Nested categories of the help center, in the order customers see them."
        actions={
          <>
            <Link href="/agent/kb" className={buttonClass("secondary")}>
              Articles
            </Link>
            <Link href="/agent/kb/categories/new" className={buttonClass()}>
              New category
            </Link>
          </>
        }
      />
      <Card>
        {tree.length === 0 ? (
          <p className="p-6 text-sm text-slate-500">No categories yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {tree.map((c) => {
              const siblings = tree.filter((s) => s.parentId === c.parentId);
              return (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
                  <span style={{ paddingLeft: `${c.depth * 1.25}rem` }}>
                    <Link href={`/agent/kb/categories/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    {!c.isPublic ? (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Staff only</span>
                    ) : (
                      !onPortal.has(c.id) && <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">Hidden by a staff-only parent</span>
                    )}
                    <Link href={`/agent/kb?category=${c.id}`} className="ml-3 text-xs text-slate-500 hover:underline">
                      articles
                    </Link>
                  </span>
                  <OrderButtons id={c.id} label={c.name} first={siblings[0]?.id === c.id} last={siblings.at(-1)?.id === c.id} action={moveCategoryAction} />
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
