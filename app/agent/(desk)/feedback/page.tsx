import type { Metadata } from "next";
import Link from "next/link";
import { FeedbackStatusBadge } from "@/components/feedback/status-badge";
import { Highlight } from "@/components/kb/highlight";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { feedbackStatuses } from "@/db/schema/feedback";
import { requireStaff } from "@/lib/auth/session";
import { getDateDisplay } from "@/lib/date-display";
import { feedbackKindLabels, feedbackStatusLabels, feedbackVisibilityLabels } from "@/lib/feedback/labels";
import { listFeedback, listFeedbackCategories } from "@/lib/feedback/queries";
import { formatDateTime } from "@/lib/format";
import { getSettings } from "@/lib/settings";
import { withParams } from "@/lib/url";
import { feedbackAgentListParamsSchema } from "@/lib/validation/feedback";
import { ModerateButtons } from "./moderate-buttons";

export const metadata: Metadata = { title: "Feedback" };

const label = "mb-1 block text-xs font-medium text-slate-600";
const visibilityTone = { pending: "bg-amber-100 text-amber-800", visible: "bg-emerald-100 text-emerald-800", hidden: "bg-red-100 text-red-800" } as const;

export default async function AgentFeedbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const query = feedbackAgentListParamsSchema.parse(await searchParams);
  const [settings, categories, dateDisplay] = await Promise.all([getSettings(), listFeedbackCategories(), getDateDisplay()]);
  const { items, hasMore, terms } = await listFeedback({ staff: true, userId: null }, query, {
    perPage: settings.pageSize,
    pendingFirst: true,
    visibility: query.visibility,
    excerptLength: 120,
  });
  const { page, ...params } = query;
  return (
    <div>
      <PageHeader
        title="Feedback"
        description="Ideas and suggestions from customers. Items awaiting approval come first."
        actions={
          <>
            <Link href="/agent/feedback/categories" className={buttonClass("secondary")}>
              Categories
            </Link>
            <Link href="/feedback" className={buttonClass("secondary")}>
              View on the portal
            </Link>
          </>
        }
      />
      {!settings.feedbackEnabled && (
        <div className="mb-4">
          <Alert tone="info">Feedback is switched off: customers do not see it. An admin can switch it on in Admin → Settings → Feedback.</Alert>
        </div>
      )}
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-64">
          <label htmlFor="q" className={label}>
            Search
          </label>
          <Input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <div>
          <label htmlFor="visibility" className={label}>
            Approval
          </label>
          <Select id="visibility" name="visibility" defaultValue={query.visibility}>
            <option value="">All (not merged)</option>
            <option value="pending">Awaiting approval</option>
            <option value="visible">Published</option>
            <option value="hidden">Hidden</option>
            <option value="merged">Merged duplicates</option>
          </Select>
        </div>
        <div>
          <label htmlFor="status" className={label}>
            Status
          </label>
          <Select id="status" name="status" defaultValue={query.status}>
            <option value="">Any</option>
            {feedbackStatuses.map((s) => (
              <option key={s} value={s}>
                {feedbackStatusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="category" className={label}>
            Category
          </label>
          <Select id="category" name="category" defaultValue={query.category}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="sort" className={label}>
            Sort
          </label>
          <Select id="sort" name="sort" defaultValue={query.sort}>
            <option value="">{query.q ? "Best match" : "Newest"}</option>
            <option value="new">Newest</option>
            <option value="top">Most votes</option>
            <option value="updated">Recently updated</option>
          </Select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      <Card className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Votes</th>
              <th scope="col" className="px-4 py-2 font-medium">Title</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Approval</th>
              <th scope="col" className="px-4 py-2 font-medium">Submitted</th>
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
                  No feedback matches.
                </td>
              </tr>
            )}
            {items.map((item) => (
              <tr key={item.id} className={item.visibility === "pending" ? "bg-amber-50/40" : undefined}>
                <td className="px-4 py-2 text-center font-semibold text-slate-700">{item.voteCount}</td>
                <td className="min-w-64 px-4 py-2">
                  <Link href={`/agent/feedback/${item.id}`} className="font-medium break-words text-brand-700 hover:underline">
                    <Highlight text={item.title} terms={terms} />
                  </Link>
                  <span className="block text-xs text-slate-500">
                    #{item.id} · {feedbackKindLabels[item.kind]}
                    {item.categoryName && ` · ${item.categoryName}`} · {item.commentCount} {item.commentCount === 1 ? "comment" : "comments"}
                    {item.ticketId && ` · ticket #${item.ticketId}`}
                    {item.mergedIntoId && ` · merged into #${item.mergedIntoId}`}
                  </span>
                </td>
                <td className="px-4 py-2">
                  <FeedbackStatusBadge status={item.status} />
                </td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${visibilityTone[item.visibility]}`}>{feedbackVisibilityLabels[item.visibility]}</span>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                  {formatDateTime(item.createdAt, dateDisplay)}
                  <span className="block text-xs text-slate-500">{item.authorName ?? "former customer"}</span>
                </td>
                <td className="px-4 py-2 whitespace-nowrap">{!item.mergedIntoId && <ModerateButtons itemId={item.id} title={item.title} visibility={item.visibility} compact />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {(page > 1 || hasMore) && (
        <nav aria-label="Pagination" className="mt-4 flex justify-between text-sm">
          {page > 1 ? (
            <Link rel="prev" href={withParams("/agent/feedback", params, { page: page - 1 })} className={buttonClass("secondary")}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {hasMore && (
            <Link rel="next" href={withParams("/agent/feedback", params, { page: page + 1 })} className={buttonClass("secondary")}>
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
