import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { KbSearchForm } from "@/components/kb/search-form";
import { Pagination } from "@/components/tables/pagination";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getCategoryPage, kbViewerOf } from "@/lib/kb/queries";
import { articlePath, excerptAround } from "@/lib/kb/text";
import { getSettings } from "@/lib/settings";
import { kbListParamsSchema } from "@/lib/validation/kb";

export const metadata: Metadata = { title: "Help center" };

export default async function KbCategoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  if (!id.success) notFound();
  const { page } = kbListParamsSchema.parse(await searchParams);
  const [actor, settings] = await Promise.all([getActor(), getSettings()]);
  let data;
  try {
    data = await getCategoryPage(kbViewerOf(actor), id.data, page, settings.kbArticlesPerPage);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const pageCount = Math.max(1, Math.ceil(data.total / settings.kbArticlesPerPage));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1 text-sm text-slate-500">
        <Link href="/kb" className="text-brand-700 hover:underline">
          Help center
        </Link>
        {data.trail.slice(0, -1).map((c) => (
          <span key={c.id}>
            / <Link href={`/kb/categories/${c.id}`} className="text-brand-700 hover:underline">{c.name}</Link>
          </span>
        ))}
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">
          {data.category.name}
          {!data.category.isPublic && <span className="ml-2 align-middle rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-800">Staff only</span>}
        </h1>
        {data.category.description && <p className="mt-1 text-slate-600">{data.category.description}</p>}
      </div>
      <KbSearchForm />
      {data.children.length > 0 && (
        <ul aria-label="Subcategories" className="flex flex-wrap gap-2">
          {data.children.map((c) => (
            <li key={c.id}>
              <Link href={`/kb/categories/${c.id}`} className="inline-block rounded-full bg-white px-3 py-1.5 text-sm text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {data.articles.length === 0 ? (
        <p className="text-slate-600">No articles in this category yet.</p>
      ) : (
        <Card>
          <ul aria-label="Articles" className="divide-y divide-slate-200">
            {data.articles.map((a) => (
              <li key={a.id} className="p-4">
                <Link href={articlePath(a)} className="font-medium text-brand-700 hover:underline">
                  {a.title}
                </Link>
                {a.status !== "published" && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Draft</span>}
                {!a.isPublic && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Staff only</span>}
                <p className="mt-1 text-sm break-words text-slate-600">{excerptAround(a.bodyText, [], settings.kbExcerptLength)}</p>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {pageCount > 1 && (
        <Pagination path={`/kb/categories/${data.category.id}`} params={{}} page={page} pageCount={pageCount} total={data.total} noun={["article", "articles"]} />
      )}
    </div>
  );
}
