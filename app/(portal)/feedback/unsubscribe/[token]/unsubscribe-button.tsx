"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";
import { unsubscribeAction } from "../../actions";

export function UnsubscribeButton({ token }: { token: string }) {
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  if (result?.ok) return <Alert tone="success">{result.message}</Alert>;
  return (
    <div className="space-y-3">
      {result && <Alert tone="error">{result.message}</Alert>}
      <Button type="button" disabled={pending} onClick={() => startTransition(async () => setResult(await unsubscribeAction(token)))}>
        {pending ? "Unsubscribing…" : "Unsubscribe"}
      </Button>
    </div>
  );
}
