"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions";

type VoteAction = (input: unknown) => Promise<ActionResult<{ voteCount: number; voted: boolean }>>;

/**
 * The vote box: the count, and for a signed-in customer a toggle (vote / take the vote back). Guests get
 * a link to sign in; staff and closed items just see the count.
 */
export function FeedbackVoteButton({
  itemId,
  count,
  voted,
  mode,
  action,
  signInHref,
}: {
  itemId: number;
  count: number;
  voted: boolean;
  mode: "vote" | "sign-in" | "readonly";
  action: VoteAction;
  signInHref: string;
}) {
  const [state, setState] = useState({ count, voted });
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const box = `flex w-16 shrink-0 flex-col items-center self-start rounded-md px-2 py-1.5 text-center ring-1`;
  const label = (
    <>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        <path d="M10 4l6 8H4z" />
      </svg>
      <span className="text-lg leading-tight font-semibold">{state.count}</span>
      <span className="text-[11px] leading-tight">{state.count === 1 ? "vote" : "votes"}</span>
    </>
  );
  if (mode === "readonly") return <div className={`${box} bg-white text-slate-700 ring-slate-200`}>{label}</div>;
  if (mode === "sign-in") {
    return (
      <Link href={signInHref} title="Sign in to vote" aria-label={`Sign in to vote (${state.count} votes)`} className={`${box} bg-white text-slate-700 ring-slate-300 hover:bg-slate-50`}>
        {label}
      </Link>
    );
  }
  const toggle = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await action({ itemId, vote: !state.voted });
      if (result.ok && result.data) setState({ count: result.data.voteCount, voted: result.data.voted });
      else if (!result.ok) setError(result.message);
    });
  return (
    <div className="flex shrink-0 flex-col items-center gap-1 self-start">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-pressed={state.voted}
        aria-label={state.voted ? `Remove your vote (${state.count} votes)` : `Vote for this (${state.count} votes)`}
        className={`${box} disabled:opacity-60 ${state.voted ? "bg-brand-600 text-white ring-brand-600 hover:bg-brand-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="max-w-32 text-center text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
