"use client";

import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { setArticleStatusAction } from "./actions";

/** Publish / Unpublish in one click, with the outcome announced next to the button. */
export function StatusToggle({ id, status, title, compact = false }: { id: number; status: "draft" | "published"; title: string; compact?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const next = status === "published" ? "draft" : "published";
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        aria-label={`${next === "published" ? "Publish" : "Unpublish"} ${title}`}
        className={compact ? "rounded px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50" : buttonClass(next === "published" ? "primary" : "secondary")}
        onClick={() =>
          startTransition(async () => {
            const result = await setArticleStatusAction(id, next);
            setError(result.ok ? undefined : result.message);
          })
        }
      >
        {next === "published" ? "Publish" : "Unpublish"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
