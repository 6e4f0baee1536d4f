import type { FeedbackKind, FeedbackStatus, FeedbackVisibility } from "@/db/schema/feedback";

// Words people read for the stored codes; pure, so client components and mail share them.

export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  new: "New",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
};

export const feedbackKindLabels: Record<FeedbackKind, string> = { idea: "Idea", suggestion: "Suggestion" };

export const feedbackVisibilityLabels: Record<FeedbackVisibility, string> = {
  pending: "Awaiting approval",
  visible: "Published",
  hidden: "Hidden",
};

/** Badge colours per status (Tailwind classes). */
export const feedbackStatusTone: Record<FeedbackStatus, string> = {
  new: "bg-slate-100 text-slate-700",
  under_review: "bg-sky-100 text-sky-800",
  planned: "bg-violet-100 text-violet-800",
  in_progress: "bg-amber-100 text-amber-800",
  done: "bg-emerald-100 text-emerald-800",
  declined: "bg-red-100 text-red-800",
};

export const feedbackPath = (id: number) => `/feedback/${id}`;
