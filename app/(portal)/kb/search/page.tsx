import type { Metadata } from "next";
import Link from "next/link";
import { Highlight } from "@/components/kb/highlight";
import { KbSearchForm } from "@/components/kb/search-form";
import { getActor } from "@/lib/auth/session";
import { kbViewerOf, searchArticles } from "@/lib/kb/queries";
import { articlePath } from "@/lib/kb/text";
import { getSettings } from "@/lib/settings";
import { withParams } from "@/lib/url";
import { kbSearchParamsSchema } from "@/lib/validation/kb";

export const metadata: Metadata = { title: "Search the help center" };

export default async function KbSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q, page } = kbSearchParamsSchema.parse(await searchParams);
  const [actor, settings] = await Promise.all([getActor(), getSettings()]);
  const result = q
    ? await searchArticles(kbViewerOf(actor), q, { page, perPage: settings.kbArticlesPerPage, excerptLength: settings.kbExcerptLength })
    : null;
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
            {page > 1 ? "No more results." : `No article matches ${result.terms.length ? "these words" : "this search"}.`} Try other words, or{" "}
            <Link href="/open" className="text-brand-700 underline">
              open a ticket
            </Link>
            .
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600">Best matches first{page > 1 ? ` · page ${page}` : ""}</p>
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
            {(page > 1 || result.hasMore) && (
              <nav aria-label="Pagination" className="flex justify-between text-sm">
                {page > 1 ? (
                  <Link rel="prev" href={withParams("/kb/search", { q }, { page: page - 1 })} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
                    Previous
                  </Link>
                ) : (
                  <span />
                )}
                {result.hasMore && (
                  <Link rel="next" href={withParams("/kb/search", { q }, { page: page + 1 })} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
                    Next
                  </Link>
                )}
              </nav>
            )}
          </>
        ))}
    </div>
  );
}
