"use client";

import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions";

/** Up/down buttons for an ordered admin list; the action rewrites the order on the server. */
export function OrderButtons({
  id,
  label,
  first,
  last,
  action,
}: {
  id: number;
  label: string;
  first: boolean;
  last: boolean;
  action: (id: number, direction: "up" | "down") => Promise<ActionResult<unknown>>;
}) {
  const [pending, startTransition] = useTransition();
  const move = (direction: "up" | "down") =>
    startTransition(async () => {
      const result = await action(id, direction);
      if (!result.ok) window.alert(result.message);
    });
  const button = "rounded px-2 py-1 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-40";
  return (
    <span className="inline-flex gap-1">
      <button type="button" className={button} disabled={first || pending} onClick={() => move("up")} aria-label={`Move ${label} up`}>
        ↑
      </button>
      <button type="button" className={button} disabled={last || pending} onClick={() => move("down")} aria-label={`Move ${label} down`}>
        ↓
      </button>
    </span>
  );
}
