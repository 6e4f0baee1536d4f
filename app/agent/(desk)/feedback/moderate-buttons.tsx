"use client";

import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import type { FeedbackVisibility } from "@/db/schema/feedback";
import { moderateFeedbackAction } from "./actions";

/** Approve (publish) or hide in one click; pending items offer both. */
export function ModerateButtons({ itemId, title, visibility, compact = false }: { itemId: number; title: string; visibility: FeedbackVisibility; compact?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const act = (to: "visible" | "hidden") =>
    startTransition(async () => {
      const result = await moderateFeedbackAction({ itemId, visibility: to });
      setError(result.ok ? undefined : result.message);
    });
  const small = "rounded px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {visibility !== "visible" && (
        <button type="button" disabled={pending} aria-label={`Approve ${title}`} className={compact ? `${small} text-emerald-700` : buttonClass()} onClick={() => act("visible")}>
          {visibility === "pending" ? "Approve" : "Publish again"}
        </button>
      )}
      {visibility !== "hidden" && (
        <button type="button" disabled={pending} aria-label={`Hide ${title}`} className={compact ? `${small} text-red-700` : buttonClass("secondary")} onClick={() => act("hidden")}>
          Hide
        </button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
