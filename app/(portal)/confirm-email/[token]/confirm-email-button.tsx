"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";

export function ConfirmEmailButton({ action }: { action: () => Promise<ActionResult> }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action();
            if (result && !result.ok) setError(result.message);
          })
        }
      >
        {pending ? "Confirming…" : "Confirm my new email address"}
      </Button>
    </div>
  );
}
