"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions";

export function RetryButton({ label = "Retry", run }: { label?: string; run: () => Promise<ActionResult<unknown>> }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
        onClick={() =>
          startTransition(async () => {
            const result = await run();
            setMessage(result.message);
          })
        }
      >
        {pending ? "…" : label}
      </button>
      {message && <span className="text-xs text-slate-600">{message}</span>}
    </span>
  );
}
