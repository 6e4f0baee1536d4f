import type { Metadata } from "next";
import Link from "next/link";
import { Highlight } from "@/components/kb/highlight";
import { KbSearchForm } from "@/components/kb/search-form";
import { Pagination } from "@/components/tables/pagination";
import { getActor } from "@/lib/auth/session";
import { kbViewerOf, searchArticles } from "@/lib/kb/queries";
import { articlePath } from "@/lib/kb/text";
import { getSettings } from "@/lib/settings";
import { kbSearchParamsSchema } from "@/lib/validation/kb";

export const metadata: Metadata = { title: "Search the help center" };

export default async function KbSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q, page } = kbSearchParamsSchema.parse(await searchParams);
  const [actor, settings] = await Promise.all([getActor(), getSettings()]);
  const result = q
    ? await searchArticles(kbViewerOf(actor), q, { page, perPage: settings.kbArticlesPerPage, excerptLength: settings.kbExcerptLength })
    : null;
  const pageCount = result ? Math.max(1, Math.ceil(result.total / settings.kbArticlesPerPage)) : 1;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/kb" className="text-brand-700 hover:underline">
          Help center
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{q ? `Results for “${q}”` : "Search the help center"}</h1>
      <KbSearchForm query={q} />
      {result &&
        (result.hits.length === 0 ? (
          <p className="text-slate-600">
            No article matches {result.terms.length ? "these words" : "this search"}. Try other words, or{" "}
            <Link href="/open" className="text-brand-700 underline">
              open a ticket
            </Link>
            .
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              {result.capped ? "More than 1,000" : result.total} {result.total === 1 ? "article" : "articles"} found
            </p>
            <ol aria-label="Search results" className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
              {result.hits.map((hit) => (
                <li key={hit.id} className="p-4">
                  <Link href={articlePath(hit)} className="font-medium text-brand-700 hover:underline">
                    <Highlight text={hit.title} terms={result.terms} />
                  </Link>
                  <p className="mt-1 text-sm break-words text-slate-600">
                    <Highlight text={hit.excerpt} terms={result.terms} />
                  </p>
                </li>
              ))}
            </ol>
            {pageCount > 1 && (
              <Pagination path="/kb/search" params={{ q }} page={page} pageCount={pageCount} total={result.total} noun={["article", "articles"]} />
            )}
          </>
        ))}
    </div>
  );
}
