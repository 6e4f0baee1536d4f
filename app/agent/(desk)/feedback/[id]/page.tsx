import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FeedbackCommentForm } from "@/components/feedback/comment-form";
import { FeedbackKindBadge, FeedbackStatusBadge } from "@/components/feedback/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { requireStaff } from "@/lib/auth/session";
import { getDateDisplay } from "@/lib/date-display";
import { listDepartments } from "@/lib/departments";
import { isAppError } from "@/lib/errors";
import { feedbackVisibilityLabels } from "@/lib/feedback/labels";
import { countStatusMailRecipients } from "@/lib/feedback/notify";
import { getFeedbackItem, listFeedbackComments, listFeedbackVoters, listMergedDuplicates } from "@/lib/feedback/queries";
import { formatDateTime } from "@/lib/format";
import { staffCommentAction } from "../actions";
import { ModerateButtons } from "../moderate-buttons";
import { DeleteCommentButton, MergeForm, StatusForm, TicketForms, UnlinkTicketButton } from "./item-forms";

export const metadata: Metadata = { title: "Feedback" };

const idSchema = z.coerce.number().int().positive().max(4_294_967_295);

export default async function AgentFeedbackItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  const [{ id: rawId }, query, dateDisplay] = await Promise.all([params, searchParams, getDateDisplay()]);
  const id = idSchema.safeParse(rawId);
  if (!id.success || !/^\d+$/.test(rawId)) notFound();
  const item = await getFeedbackItem({ staff: true, userId: null }, id.data).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [comments, voters, duplicates, recipients, departments] = await Promise.all([
    listFeedbackComments(item.id),
    listFeedbackVoters(item.id),
    listMergedDuplicates(item.id),
    countStatusMailRecipients(db, item.id),
    listDepartments(),
  ]);
  const mine = actor.role === "admin" ? departments : departments.filter((d) => actor.departmentIds.includes(d.id));
  const mergedFrom = typeof query.merged === "string" ? Number(query.merged) : null;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/agent/feedback" className="text-brand-700 hover:underline">
          Feedback
        </Link>
      </nav>
      <PageHeader
        title={item.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>#{item.id}</span>
            <FeedbackKindBadge kind={item.kind} />
            <FeedbackStatusBadge status={item.status} />
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{feedbackVisibilityLabels[item.visibility]}</span>
            <span>
              {item.voteCount} {item.voteCount === 1 ? "vote" : "votes"} · {item.authorName ? `${item.authorName} <${item.authorEmail}>` : "former customer"} · {formatDateTime(item.createdAt, dateDisplay)}
            </span>
          </span>
        }
        actions={
          !item.mergedIntoId && item.visibility !== "hidden" ? (
            <Link href={`/feedback/${item.id}`} className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
              View on the portal
            </Link>
          ) : undefined
        }
      />
      {mergedFrom && <Alert tone="success">#{mergedFrom} is merged into this item: its votes and comments are here now.</Alert>}
      {item.mergedIntoId && (
        <Alert tone="info">
          Merged into{" "}
          <Link href={`/agent/feedback/${item.mergedIntoId}`} className="font-medium underline">
            #{item.mergedIntoId}
          </Link>
          . Its page on the portal redirects there.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card className="p-5">
            <p className="text-sm whitespace-pre-line break-words text-slate-800">{item.description}</p>
            <p className="mt-3 text-xs text-slate-500">Category: {item.categoryName ?? "none"}</p>
          </Card>
          <section aria-labelledby="fb-comments" className="space-y-3">
            <h2 id="fb-comments" className="text-lg font-semibold">
              Comments ({comments.length})
            </h2>
            {comments.map((c) => (
              <div key={c.id} className={`rounded-lg p-4 ring-1 ${c.byStaff ? "bg-brand-50 ring-brand-100" : "bg-white ring-slate-200"}`}>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-slate-900">{c.byStaff ? (c.staffName ?? "Team") : (c.userName ?? "Former customer")}</span>
                  {c.byStaff && <span className="rounded bg-brand-600 px-1.5 py-0.5 text-xs text-white">Team</span>}
                  <span className="text-slate-500">{formatDateTime(c.createdAt, dateDisplay)}</span>
                  <span className="ml-auto">
                    <DeleteCommentButton commentId={c.id} />
                  </span>
                </p>
                <p className="mt-1 text-sm whitespace-pre-line break-words text-slate-800">{c.body}</p>
              </div>
            ))}
            <Card className="p-4">
              <FeedbackCommentForm itemId={item.id} action={staffCommentAction} label="Answer as the team (public)" />
            </Card>
          </section>
        </div>
        <aside className="space-y-6">
          {!item.mergedIntoId && (
            <>
              <Card className="p-5">
                <h2 className="mb-3 font-semibold">Moderation</h2>
                <p className="mb-3 text-sm text-slate-600">
                  {item.visibility === "pending"
                    ? "Waiting for approval: only its author sees it."
                    : item.visibility === "hidden"
                      ? "Hidden: customers do not see it."
                      : "Published on the portal."}
                </p>
                <ModerateButtons itemId={item.id} title={item.title} visibility={item.visibility} />
              </Card>
              <Card className="p-5">
                <h2 className="mb-3 font-semibold">Status</h2>
                <StatusForm itemId={item.id} status={item.status} note={item.statusNote ?? ""} recipients={recipients} />
              </Card>
            </>
          )}
          <Card className="p-5">
            <h2 className="mb-3 font-semibold">Ticket</h2>
            {item.ticketId ? (
              <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
                <Link href={`/agent/tickets/${item.ticketId}`} className="font-medium text-brand-700 hover:underline">
                  #{item.ticketId} {item.ticketSubject}
                </Link>
                <UnlinkTicketButton itemId={item.id} />
              </p>
            ) : (
              <p className="mb-3 text-sm text-slate-600">Not linked to a ticket.</p>
            )}
            {!item.ticketId && <TicketForms itemId={item.id} departments={mine} canConvert={Boolean(item.authorUserId)} />}
          </Card>
          {!item.mergedIntoId && (
            <Card className="p-5">
              <h2 className="mb-3 font-semibold">Merge a duplicate</h2>
              <MergeForm itemId={item.id} />
            </Card>
          )}
          <Card className="p-5">
            <h2 className="mb-3 font-semibold">Voters ({item.voteCount})</h2>
            {voters.length === 0 ? (
              <p className="text-sm text-slate-500">No votes.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {voters.map((v) => (
                  <li key={v.id} className="flex flex-wrap items-baseline justify-between gap-x-2">
                    <Link href={`/agent/customers/${v.id}`} className="break-all text-brand-700 hover:underline">
                      {v.name}
                    </Link>
                    <span className="text-xs whitespace-nowrap text-slate-500">{formatDateTime(v.votedAt, dateDisplay)}</span>
                  </li>
                ))}
              </ul>
            )}
            {duplicates.length > 0 && (
              <>
                <h3 className="mt-4 mb-1 text-sm font-semibold">Merged duplicates</h3>
                <ul className="space-y-1 text-sm">
                  {duplicates.map((d) => (
                    <li key={d.id}>
                      <Link href={`/agent/feedback/${d.id}`} className="text-brand-700 hover:underline">
                        #{d.id} {d.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
