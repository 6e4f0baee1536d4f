"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { customerEditSchema, type CustomerEdit, type CustomerEditInput } from "@/lib/validation/customers";
import { deleteCustomerAction, setCustomerBlockedAction, updateCustomerAction } from "../actions";

export function CustomerEditForm({
  id,
  initial,
  organizations,
}: {
  id: number;
  initial: { fullname: string; email: string; organizationId: string };
  organizations: { id: number; name: string }[];
}) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CustomerEditInput, unknown, CustomerEdit>({ resolver: zodResolver(customerEditSchema), defaultValues: initial });

  const onSubmit = (values: CustomerEdit) => {
    setResult(undefined);
    startTransition(async () => {
      const outcome = await updateCustomerAction(id, values);
      setResult(outcome);
      if (!outcome.ok) {
        for (const [field, message] of Object.entries(outcome.fieldErrors ?? {})) setError(field as keyof CustomerEditInput, { message });
        return;
      }
      router.refresh();
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <Field id="fullname" label="Name" error={errors.fullname?.message}>
        <Input id="fullname" invalid={!!errors.fullname} {...register("fullname")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" invalid={!!errors.email} {...register("email")} />
      </Field>
      <Field id="organizationId" label="Organization" error={errors.organizationId?.message}>
        <Select id="organizationId" invalid={!!errors.organizationId} {...register("organizationId")}>
          <option value="">No organization</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save customer"}
      </Button>
    </form>
  );
}

/** Block/unblock for every agent; delete (with every ticket) for admins, after typing the email. */
export function CustomerDangerZone({ id, email, blocked, canDelete }: { id: number; email: string; blocked: boolean; canDelete: boolean }) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");

  const run = (action: () => Promise<ActionResult>) => {
    setResult(undefined);
    startTransition(async () => {
      const outcome = await action();
      // A successful delete redirects and returns nothing.
      if (!outcome) return;
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  };

  return (
    <Card className="space-y-4 p-4">
      <h2 className="font-semibold">Access</h2>
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <div>
        <p className="mb-2 text-sm text-slate-600">
          {blocked ? "This customer is blocked: they cannot sign in or open tickets." : "Blocking stops sign-in and new tickets, by web and by email."}
        </p>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => setCustomerBlockedAction(id, !blocked))}>
          {blocked ? "Unblock customer" : "Block customer"}
        </Button>
      </div>
      {canDelete && (
        <div className="border-t border-slate-100 pt-4">
          {!confirming ? (
            <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
              Delete customer…
            </Button>
          ) : (
            <form
              className="space-y-3"
              onSubmit={(event) => {
                event.preventDefault();
                run(() => deleteCustomerAction(id));
              }}
            >
              <Alert tone="error">This deletes the customer and all their tickets, in every department. It cannot be undone.</Alert>
              <Field id="confirm-email" label={`Type ${email} to confirm`}>
                <Input id="confirm-email" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
              </Field>
              <div className="flex gap-2">
                <Button type="submit" variant="danger" disabled={pending || typed.trim().toLowerCase() !== email}>
                  Delete customer and tickets
                </Button>
                <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          )}
        </div>
      )}
    </Card>
  );
}
