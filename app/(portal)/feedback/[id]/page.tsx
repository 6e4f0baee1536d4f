import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { FeedbackCommentForm } from "@/components/feedback/comment-form";
import { FeedbackKindBadge, FeedbackStatusBadge } from "@/components/feedback/status-badge";
import { FeedbackVoteButton } from "@/components/feedback/vote-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getDateDisplay } from "@/lib/date-display";
import { isAppError } from "@/lib/errors";
import { feedbackPath } from "@/lib/feedback/labels";
import { getFeedbackItem, listFeedbackComments, votedItemIds } from "@/lib/feedback/queries";
import { formatDateTime } from "@/lib/format";
import { requireFeedbackReader } from "../access";
import { commentFeedbackAction, voteFeedbackAction } from "../actions";

const idSchema = z.coerce.number().int().positive().max(4_294_967_295);

// Hidden, someone else's pending and missing items are all the same 404.
const loadItem = cache(async (rawId: string) => {
  const id = idSchema.safeParse(rawId);
  if (!id.success || !/^\d+$/.test(rawId)) notFound();
  const reader = await requireFeedbackReader(feedbackPath(id.data));
  try {
    return { ...reader, item: await getFeedbackItem(reader.viewer, id.data) };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { item } = await loadItem((await params).id);
  return { title: item.title };
}

export default async function FeedbackItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query, dateDisplay] = await Promise.all([params, searchParams, getDateDisplay()]);
  const { item, user, viewer } = await loadItem(id);
  // A merged duplicate sends its readers to the item that survived, which says so.
  if (item.mergedIntoId) redirect(`${feedbackPath(item.mergedIntoId)}?merged=${item.id}`);
  const mergedFrom = idSchema.safeParse(query.merged);
  const [comments, voted, duplicate] = await Promise.all([
    listFeedbackComments(item.id),
    votedItemIds(user?.id ?? null, [item.id]),
    mergedFrom.success ? getFeedbackItem(viewer, mergedFrom.data).catch(() => null) : null,
  ]);
  const open = item.visibility === "visible";
  const signIn = `/login?next=${encodeURIComponent(feedbackPath(item.id))}`;
  return (
    <article className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1 text-sm text-slate-500">
        <Link href="/feedback" className="text-brand-700 hover:underline">
          Feedback
        </Link>
        {item.categoryName && (
          <span>
            /{" "}
            <Link href={`/feedback?category=${item.categoryId}`} className="text-brand-700 hover:underline">
              {item.categoryName}
            </Link>
          </span>
        )}
      </nav>
      {query.submitted === "1" && <Alert tone="success">Thanks! Your idea is posted and has your vote.</Alert>}
      {query.submitted === "pending" && <Alert tone="success">Thanks! Our team will review your idea before others can see it.</Alert>}
      {duplicate?.mergedIntoId === item.id && (
        <Alert tone="info">
          “{duplicate.title}” (#{duplicate.id}) was merged into this item: its votes and comments are here now.
        </Alert>
      )}
      <Card className="p-5 sm:p-8">
        <div className="flex gap-5">
          <FeedbackVoteButton
            itemId={item.id}
            count={item.voteCount}
            voted={voted.has(item.id)}
            mode={user && open ? "vote" : user || viewer.staff || !open ? "readonly" : "sign-in"}
            action={voteFeedbackAction}
            signInHref={signIn}
          />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <FeedbackStatusBadge status={item.status} />
              <FeedbackKindBadge kind={item.kind} />
              {item.visibility === "pending" && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Awaiting approval</span>}
              {item.visibility === "hidden" && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">Hidden</span>}
            </div>
            <h1 className="mt-2 text-2xl font-semibold break-words text-slate-900">{item.title}</h1>
            <p className="mt-1 text-sm text-slate-500">
              {item.authorName ? `${item.authorName} · ` : ""}
              {formatDateTime(item.createdAt, dateDisplay)}
              {viewer.staff && (
                <>
                  {" · "}
                  <Link href={`/agent/feedback/${item.id}`} className="text-brand-700 underline">
                    Moderate
                  </Link>
                </>
              )}
            </p>
            <p className="mt-4 whitespace-pre-line break-words text-slate-800">{item.description}</p>
          </div>
        </div>
      </Card>
      {(item.statusNote || item.status !== "new") && (
        <section aria-labelledby="fb-status" className="rounded-lg bg-brand-50 p-5 ring-1 ring-brand-100">
          <h2 id="fb-status" className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
            Status: <FeedbackStatusBadge status={item.status} />
            {item.statusChangedAt && <span className="font-normal text-slate-500">since {formatDateTime(item.statusChangedAt, dateDisplay)}</span>}
          </h2>
          {item.statusNote && <p className="mt-2 whitespace-pre-line break-words text-sm text-slate-800">{item.statusNote}</p>}
        </section>
      )}
      <section aria-labelledby="fb-comments" className="space-y-3">
        <h2 id="fb-comments" className="text-lg font-semibold">
          {comments.length} {comments.length === 1 ? "comment" : "comments"}
        </h2>
        {comments.length > 0 && (
          <ol className="space-y-3">
            {comments.map((c) => (
              <li key={c.id} className={`rounded-lg p-4 ring-1 ${c.byStaff ? "bg-brand-50 ring-brand-100" : "bg-white ring-slate-200"}`}>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-slate-900">{c.byStaff ? (c.staffName ?? "Team") : (c.userName ?? "Former customer")}</span>
                  {c.byStaff && <span className="rounded bg-brand-600 px-1.5 py-0.5 text-xs text-white">Team</span>}
                  <span className="text-slate-500">{formatDateTime(c.createdAt, dateDisplay)}</span>
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-800">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        {user && open ? (
          <Card className="p-4">
            <FeedbackCommentForm itemId={item.id} action={commentFeedbackAction} />
          </Card>
        ) : (
          !user &&
          !viewer.staff && (
            <p className="text-sm text-slate-600">
              <Link href={signIn} className="font-medium text-brand-700 underline">
                Sign in
              </Link>{" "}
              to vote and comment.
            </p>
          )
        )}
      </section>
    </article>
  );
}
