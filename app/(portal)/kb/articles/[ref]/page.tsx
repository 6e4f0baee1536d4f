import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ArticleBody } from "@/components/kb/article-body";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatBytes, formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { getArticleForViewer, kbViewerOf, recordArticleView } from "@/lib/kb/queries";
import { articleIdFromRef, articlePath } from "@/lib/kb/text";
import { getVote } from "@/lib/kb/votes";
import { HelpfulVote } from "./helpful-vote";
import { voterKey } from "./voter";

// Staff-only, draft and missing articles are all the same 404 for customers.
const loadArticle = cache(async (ref: string) => {
  const id = articleIdFromRef(ref);
  if (!id) notFound();
  const actor = await getActor();
  try {
    return { actor, article: await getArticleForViewer(kbViewerOf(actor), id) };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }): Promise<Metadata> {
  const { article } = await loadArticle((await params).ref);
  return { title: article.title };
}

export default async function KbArticlePage({ params }: { params: Promise<{ ref: string }> }) {
  const dateDisplay = await getDateDisplay();
  const { ref } = await params;
  const { actor, article } = await loadArticle(ref);
  // An old or hand-typed slug lands on the article's current address.
  if (ref !== `${article.id}-${article.slug}`) redirect(articlePath(article));
  const viewer = kbViewerOf(actor);
  const voter = await voterKey(actor, false);
  const [vote] = await Promise.all([voter ? getVote(voter, article.id) : null, recordArticleView(viewer, article.id)]);
  return (
    <article className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1 text-sm text-slate-500">
        <Link href="/kb" className="text-brand-700 hover:underline">
          Help center
        </Link>
        {article.trail.map((c) => (
          <span key={c.id}>
            / <Link href={`/kb/categories/${c.id}`} className="text-brand-700 hover:underline">{c.name}</Link>
          </span>
        ))}
      </nav>
      <header>
        <h1 className="text-2xl font-semibold break-words text-slate-900 sm:text-3xl">{article.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-2 text-sm text-slate-500">
          <span>Updated {formatDateTime(article.updatedAt, dateDisplay)}</span>
          {article.authorName && <span>· by {article.authorName}</span>}
          {viewer.staff && (
            <>
              {article.status !== "published" && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Draft</span>}
              {!article.isPublic && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Staff only</span>}
              <span>· {article.views} views</span>
              <Link href={`/agent/kb/articles/${article.id}`} className="text-brand-700 underline">
                Edit
              </Link>
            </>
          )}
        </p>
      </header>
      <Card className="p-5 sm:p-8">
        <ArticleBody html={article.bodyHtml} />
      </Card>
      {article.attachments.length > 0 && (
        <section aria-labelledby="kb-attachments">
          <h2 id="kb-attachments" className="mb-2 text-lg font-semibold">
            Attachments
          </h2>
          <ul className="space-y-1 text-sm">
            {article.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/kb/attachments/${file.id}`} className="text-brand-700 underline">
                  {file.filename}
                </a>{" "}
                <span className="text-slate-500">({formatBytes(file.size)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Card className="p-5">
        <HelpfulVote articleId={article.id} initial={vote} />
        <p className="mt-3 text-sm text-slate-600">
          Still need help?{" "}
          <Link href="/open" className="text-brand-700 underline">
            Open a ticket
          </Link>
          .
        </p>
      </Card>
    </article>
  );
}
