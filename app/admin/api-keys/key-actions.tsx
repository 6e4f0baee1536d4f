"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deleteApiKeyAction, regenerateApiKeyAction, setApiKeyActiveAction } from "./actions";
import { TokenReveal } from "./token-reveal";

/** Activate/deactivate, regenerate and delete one key. */
export function KeyActions({ id, name, active }: { id: number; name: string; active: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [token, setToken] = useState<string>();

  const run = (work: () => Promise<void>) => {
    setMessage(undefined);
    startTransition(work);
  };

  return (
    <div className="space-y-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {token && <TokenReveal token={token} note="New token generated; the old one no longer works." />}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const result = await setApiKeyActiveAction(id, !active);
              setMessage({ tone: result.ok ? "success" : "error", text: result.message ?? "" });
              router.refresh();
            })
          }
        >
          {active ? "Deactivate" : "Activate"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Generate a new token for “${name}”? The current token stops working at once.`)) return;
            run(async () => {
              const result = await regenerateApiKeyAction(id);
              if (result.ok && result.data) setToken(result.data.token);
              else setMessage({ tone: "error", text: result.message ?? "Could not regenerate the token." });
              router.refresh();
            });
          }}
        >
          Regenerate token
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Delete the API key “${name}”? Integrations using it stop working.`)) return;
            run(async () => {
              const result = await deleteApiKeyAction(id);
              if (result.ok) router.push("/admin/api-keys");
              else setMessage({ tone: "error", text: result.message });
            });
          }}
        >
          Delete
        </Button>
      </div>
    </div>
  );
}
