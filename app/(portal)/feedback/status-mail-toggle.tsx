"use client";

import { useState, useTransition } from "react";
import { setStatusMailAction } from "./actions";

/** The profile's switch for feedback status emails (the same opt-out as the emails' unsubscribe link). */
export function StatusMailToggle({ enabled }: { enabled: boolean }) {
  const [on, setOn] = useState(enabled);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={on}
          disabled={pending}
          onChange={(event) => {
            const next = event.target.checked;
            startTransition(async () => {
              const result = await setStatusMailAction({ enabled: next });
              if (result.ok) setOn(next);
              setMessage({ ok: result.ok, text: result.message ?? "" });
            });
          }}
        />
        <span>Email me when feedback I posted or voted for changes status</span>
      </label>
      {message && (
        <p role="status" className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
