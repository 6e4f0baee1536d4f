"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { testEmailSchema, type TestEmailValues } from "@/lib/validation/admin";
import { deleteEmailAddressAction, sendTestEmailAction, testImapConnectionAction } from "./actions";

/** "Send a test email", "Test connection" and delete, for a saved address. */
export function AddressTools({ id, imap }: { id: number; imap: boolean }) {
  const [result, setResult] = useState<ActionResult<unknown>>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<TestEmailValues>({ resolver: zodResolver(testEmailSchema), defaultValues: { to: "" } });

  const run = (work: () => Promise<ActionResult<unknown> | undefined>) =>
    startTransition(async () => {
      setResult(undefined);
      const outcome = await work();
      if (outcome) setResult(outcome);
      if (outcome && !outcome.ok && outcome.fieldErrors?.to) setError("to", { message: outcome.fieldErrors.to });
    });

  return (
    <div className="space-y-5">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <form onSubmit={handleSubmit((values) => run(() => sendTestEmailAction(id, values)))} noValidate className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <Field id="to" label="Send a test email to" error={errors.to?.message}>
            <Input id="to" type="email" invalid={!!errors.to} {...register("to")} />
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Send test email
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        {imap && (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => testImapConnectionAction(id))}>
            Test connection
          </Button>
        )}
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() => window.confirm("Delete this email address?") && run(() => deleteEmailAddressAction(id))}
        >
          Delete address
        </Button>
      </div>
    </div>
  );
}
