"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";

/** A confirmed delete; the action redirects on success and returns a message on failure. */
export function DeleteButton({ label, confirm, action }: { label: string; confirm: string; action: () => Promise<ActionResult<unknown> | undefined> }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        type="button"
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(confirm)) return;
          startTransition(async () => {
            const result = await action();
            if (result && !result.ok) setError(result.message);
          });
        }}
      >
        {label}
      </Button>
    </div>
  );
}
