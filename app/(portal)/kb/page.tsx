import type { Metadata } from "next";
import Link from "next/link";
import { ArticleLinks } from "@/components/kb/article-links";
import { KbSearchForm } from "@/components/kb/search-form";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { getKbHome, kbViewerOf } from "@/lib/kb/queries";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Help center" };

export default async function KbHomePage() {
  const [actor, settings] = await Promise.all([getActor(), getSettings()]);
  const home = await getKbHome(kbViewerOf(actor), { popular: settings.kbPopularCount, latest: settings.kbLatestCount });
  const topLevel = home.categories.filter((c) => c.parentId == null || !home.categories.some((p) => p.id === c.parentId));
  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-gradient-to-br from-brand-600 to-brand-800 px-5 py-8 text-white sm:px-10 sm:py-10">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Help center</h1>
        <p className="mt-2 max-w-xl text-brand-100">Answers to common questions. Can&apos;t find yours? Open a ticket and we will help.</p>
        <div className="mt-5 max-w-2xl">
          <KbSearchForm large />
        </div>
      </section>
      <section aria-labelledby="kb-categories">
        <h2 id="kb-categories" className="mb-3 text-lg font-semibold">
          Categories
        </h2>
        {topLevel.length === 0 ? (
          <p className="text-sm text-slate-500">No articles yet.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {topLevel.map((c) => {
              const children = home.categories.filter((child) => child.parentId === c.id);
              return (
                <li key={c.id}>
                  <Card className="h-full p-5">
                    <Link href={`/kb/categories/${c.id}`} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    {!c.isPublic && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Staff only</span>}
                    {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
                    <p className="mt-2 text-xs text-slate-500">
                      {c.articleCount} {c.articleCount === 1 ? "article" : "articles"}
                      {children.length > 0 && ` · ${children.map((child) => child.name).join(", ")}`}
                    </p>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {(settings.kbPopularCount > 0 || settings.kbLatestCount > 0) && (
        <div className="grid gap-4 md:grid-cols-2">
          {settings.kbPopularCount > 0 && (
            <Card className="p-5">
              <h2 className="mb-3 text-lg font-semibold">Popular articles</h2>
              <ArticleLinks articles={home.popular} empty="No articles yet." />
            </Card>
          )}
          {settings.kbLatestCount > 0 && (
            <Card className="p-5">
              <h2 className="mb-3 text-lg font-semibold">Latest articles</h2>
              <ArticleLinks articles={home.latest} empty="No articles yet." />
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
