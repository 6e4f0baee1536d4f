import type { FeedbackCategory } from "@/db/schema";
import { feedbackStatuses } from "@/db/schema/feedback";
import { feedbackStatusLabels } from "@/lib/feedback/labels";
import type { FeedbackListParams } from "@/lib/validation/feedback";

const control =
  "block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 focus:outline-none";

/** A plain GET form: search, filters and sort live in the address and work without JavaScript. */
export function FeedbackSearchForm({
  action,
  params,
  categories,
  extra,
}: {
  action: string;
  params: FeedbackListParams;
  categories: FeedbackCategory[];
  extra?: React.ReactNode;
}) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-2">
      <div className="w-full sm:w-auto sm:min-w-48 sm:flex-1">
        <label htmlFor="fb-q" className="sr-only">
          Search feedback
        </label>
        <input id="fb-q" name="q" type="search" defaultValue={params.q} maxLength={200} placeholder="Search ideas and suggestions" className={`${control} w-full`} />
      </div>
      <label className="sr-only" htmlFor="fb-status">
        Status
      </label>
      <select id="fb-status" name="status" defaultValue={params.status} className={`${control} flex-1 sm:flex-none`}>
        <option value="">Any status</option>
        {feedbackStatuses.map((s) => (
          <option key={s} value={s}>
            {feedbackStatusLabels[s]}
          </option>
        ))}
      </select>
      {categories.length > 0 && (
        <>
          <label className="sr-only" htmlFor="fb-category">
            Category
          </label>
          <select id="fb-category" name="category" defaultValue={params.category} className={`${control} flex-1 sm:max-w-56 sm:flex-none`}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="sr-only" htmlFor="fb-sort">
        Sort
      </label>
      <select id="fb-sort" name="sort" defaultValue={params.sort} className={`${control} flex-1 sm:flex-none`}>
        <option value="">{params.q ? "Best match" : "Newest"}</option>
        <option value="new">Newest</option>
        <option value="top">Most votes</option>
        <option value="updated">Recently updated</option>
      </select>
      {extra}
      <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}
