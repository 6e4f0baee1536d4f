import type { FeedbackKind, FeedbackStatus } from "@/db/schema/feedback";
import { feedbackKindLabels, feedbackStatusLabels, feedbackStatusTone } from "@/lib/feedback/labels";

export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${feedbackStatusTone[status]}`}>{feedbackStatusLabels[status]}</span>;
}

export function FeedbackKindBadge({ kind }: { kind: FeedbackKind }) {
  return <span className="inline-flex rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{feedbackKindLabels[kind]}</span>;
}
