import type { Metadata } from "next";
import Link from "next/link";
import { FeedbackSearchForm } from "@/components/feedback/feedback-search-form";
import { FeedbackKindBadge, FeedbackStatusBadge } from "@/components/feedback/status-badge";
import { FeedbackVoteButton } from "@/components/feedback/vote-button";
import { Highlight } from "@/components/kb/highlight";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { feedbackPath } from "@/lib/feedback/labels";
import { listFeedback, listFeedbackCategories, votedItemIds } from "@/lib/feedback/queries";
import { withParams } from "@/lib/url";
import { feedbackListParamsSchema } from "@/lib/validation/feedback";
import { requireFeedbackReader } from "./access";
import { voteFeedbackAction } from "./actions";

export const metadata: Metadata = { title: "Feedback" };

const PER_PAGE = 20;

export default async function FeedbackListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = feedbackListParamsSchema.parse(await searchParams);
  const { viewer, user } = await requireFeedbackReader(withParams("/feedback", params, {}));
  const [categories, result] = await Promise.all([listFeedbackCategories(), listFeedback(viewer, params, { perPage: PER_PAGE })]);
  const voted = await votedItemIds(user?.id ?? null, result.items.map((i) => i.id));
  const current = { q: params.q, status: params.status, category: params.category, sort: params.sort };
  const filtered = Boolean(params.q || params.status || params.category);
  return (
    <div className="space-y-6">
      <section className="flex flex-wrap items-end justify-between gap-4 rounded-xl bg-gradient-to-br from-brand-600 to-brand-800 px-5 py-8 text-white sm:px-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Feedback</h1>
          <p className="mt-2 max-w-xl text-brand-100">Share ideas and suggestions, vote for the ones you want most, and follow what we do with them.</p>
        </div>
        <Link href={user ? "/feedback/new" : `/login?next=${encodeURIComponent("/feedback/new")}`} className={buttonClass("secondary", "shrink-0")}>
          {user ? "Share an idea" : "Sign in to share an idea"}
        </Link>
      </section>
      <FeedbackSearchForm action="/feedback" params={params} categories={categories} />
      {result.items.length === 0 ? (
        <Card className="p-8 text-center text-slate-600">
          {params.page > 1 ? "No more feedback." : filtered ? "Nothing matches. Try other words or filters." : "No feedback yet. Be the first to share an idea!"}
        </Card>
      ) : (
        <ol aria-label="Feedback" className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {result.items.map((item) => (
            <li key={item.id} className="flex gap-4 p-4">
              <FeedbackVoteButton
                itemId={item.id}
                count={item.voteCount}
                voted={voted.has(item.id)}
                mode={user ? (item.visibility === "visible" ? "vote" : "readonly") : viewer.staff ? "readonly" : "sign-in"}
                action={voteFeedbackAction}
                signInHref={`/login?next=${encodeURIComponent(feedbackPath(item.id))}`}
              />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={feedbackPath(item.id)} className="font-medium break-words text-brand-700 hover:underline">
                    <Highlight text={item.title} terms={result.terms} />
                  </Link>
                  <FeedbackStatusBadge status={item.status} />
                  {item.visibility === "pending" && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Awaiting approval</span>}
                </div>
                <p className="mt-1 text-sm break-words text-slate-600">
                  <Highlight text={item.excerpt} terms={result.terms} />
                </p>
                <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                  <FeedbackKindBadge kind={item.kind} />
                  {item.categoryName && <span>{item.categoryName}</span>}
                  <span>· {item.commentCount} {item.commentCount === 1 ? "comment" : "comments"}</span>
                  {item.authorName && <span>· by {item.authorName}</span>}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {(params.page > 1 || result.hasMore) && (
        <nav aria-label="Pagination" className="flex justify-between text-sm">
          {params.page > 1 ? (
            <Link rel="prev" href={withParams("/feedback", current, { page: params.page - 1 })} className={buttonClass("secondary")}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {result.hasMore && (
            <Link rel="next" href={withParams("/feedback", current, { page: params.page + 1 })} className={buttonClass("secondary")}>
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
