import type { Metadata } from "next";
import Link from "next/link";
import { OrderButtons } from "@/app/admin/order-buttons";
import { Pagination } from "@/components/tables/pagination";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { requireStaff } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { categoryTree, listArticlesForStaff } from "@/lib/kb/manage";
import { listCategories } from "@/lib/kb/queries";
import { getSettings } from "@/lib/settings";
import { kbAgentListParamsSchema } from "@/lib/validation/kb";
import { moveArticleAction } from "./actions";
import { StatusToggle } from "./status-toggle";

export const metadata: Metadata = { title: "Knowledge base" };

const label = "mb-1 block text-xs font-medium text-slate-600";

export default async function AgentKbPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const dateDisplay = await getDateDisplay();
  const actor = await requireStaff();
  const query = kbAgentListParamsSchema.parse(await searchParams);
  const [settings, categories] = await Promise.all([getSettings(), listCategories()]);
  const { rows, total } = await listArticlesForStaff(actor, query, settings.pageSize);
  const nameOf = new Map(categories.map((c) => [c.id, c.name]));
  const pageCount = Math.max(1, Math.ceil(total / settings.pageSize));
  const { page, ...params } = query;
  // Arrows only make sense when the list shows one category in its portal order.
  const ordering = Boolean(query.category) && !query.q && !query.status;
  return (
    <div>
      <PageHeader
        title="Knowledge base"
        description="Articles of the help center. Drafts and staff-only articles are visible to staff only."
        actions={
          <>
            <Link href="/agent/kb/categories" className={buttonClass("secondary")}>
              Categories
            </Link>
            <Link href={`/agent/kb/articles/new${query.category && query.category !== "none" ? `?category=${query.category}` : ""}`} className={buttonClass()}>
              New article
            </Link>
          </>
        }
      />
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-64">
          <label htmlFor="q" className={label}>
            Title contains
          </label>
          <Input id="q" name="q" defaultValue={query.q} />
        </div>
        <div>
          <label htmlFor="category" className={label}>
            Category
          </label>
          <Select id="category" name="category" defaultValue={query.category}>
            <option value="">All categories</option>
            <option value="none">No category</option>
            {categoryTree(categories).map((c) => (
              <option key={c.id} value={c.id}>
                {"— ".repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="status" className={label}>
            Status
          </label>
          <Select id="status" name="status" defaultValue={query.status}>
            <option value="">Any</option>
            <option value="published">Published</option>
            <option value="draft">Draft</option>
          </Select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      {!ordering && <p className="mb-2 text-xs text-slate-500">Pick one category to change the order its articles show in.</p>}
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Title</th>
              <th scope="col" className="px-4 py-2 font-medium">Category</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Views</th>
              <th scope="col" className="px-4 py-2 font-medium">Helpful</th>
              <th scope="col" className="px-4 py-2 font-medium">Updated</th>
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-slate-500">
                  No articles match.
                </td>
              </tr>
            )}
            {rows.map((a, index) => (
              <tr key={a.id}>
                <td className="max-w-xs px-4 py-2">
                  <Link href={`/agent/kb/articles/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    {a.title}
                  </Link>
                  {!a.isPublic && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Staff only</span>}
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">{a.categoryId ? nameOf.get(a.categoryId) : "—"}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${a.status === "published" ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}>
                    {a.status === "published" ? "Published" : "Draft"}
                  </span>
                </td>
                <td className="px-4 py-2 text-slate-600">{a.views}</td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                  {a.helpfulYes} yes · {a.helpfulNo} no
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(a.updatedAt, dateDisplay)}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <span className="inline-flex items-center gap-2">
                    <StatusToggle id={a.id} status={a.status} title={a.title} compact />
                    {ordering && (
                      <OrderButtons id={a.id} label={a.title} first={page === 1 && index === 0} last={page === pageCount && index === rows.length - 1} action={moveArticleAction} />
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {pageCount > 1 && <Pagination path="/agent/kb" params={params} page={page} pageCount={pageCount} total={total} noun={["article", "articles"]} />}
    </div>
  );
}
