"use client";

import { useState, useTransition } from "react";
import { voteAction } from "./actions";

/** "Was this helpful?" with Yes/No; voting again changes the answer. */
export function HelpfulVote({ articleId, initial }: { articleId: number; initial: boolean | null }) {
  const [vote, setVote] = useState(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, startTransition] = useTransition();
  const cast = (helpful: boolean) =>
    startTransition(async () => {
      const result = await voteAction({ articleId, helpful });
      if (result.ok) setVote(helpful);
      setMessage({ ok: result.ok, text: result.message ?? "" });
    });
  const button = (active: boolean) =>
    `rounded-md px-4 py-2 text-sm font-medium ring-1 disabled:opacity-60 ${active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="font-medium text-slate-800">Was this article helpful?</span>
      <span className="flex gap-2">
        <button type="button" className={button(vote === true)} aria-pressed={vote === true} disabled={pending} onClick={() => cast(true)}>
          Yes
        </button>
        <button type="button" className={button(vote === false)} aria-pressed={vote === false} disabled={pending} onClick={() => cast(false)}>
          No
        </button>
      </span>
      {message && (
        <span role="status" className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
          {message.text}
        </span>
      )}
    </div>
  );
}
