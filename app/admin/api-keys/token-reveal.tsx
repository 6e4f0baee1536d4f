"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The token, shown this once: only its hash is stored, so it cannot be shown again. */
export function TokenReveal({ token, note }: { token: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <Alert tone="success">
        {note ?? "API key created."} Copy the token now: it is shown only once and cannot be retrieved later.
      </Alert>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="api-token" className="rounded bg-slate-900 px-3 py-2 font-mono text-sm break-all text-slate-100 select-all">
          {token}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(token);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-sm text-slate-600">
        Integrations send it in a <code className="font-mono">Token:</code> header. See <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
      </p>
    </div>
  );
}
