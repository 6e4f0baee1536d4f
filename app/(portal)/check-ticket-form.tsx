"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { checkTicketSchema } from "@/lib/validation/portal";
import { checkTicketAction } from "./actions";

export function CheckTicketForm() {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    checkTicketSchema,
    { ticketId: "", email: "" },
    checkTicketAction,
    {
      resetOnSuccess: true,
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4" aria-label="Check a ticket">
      {result && !result.ok && !result.fieldErrors && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <Field id="check-ticket" label="Ticket number" error={errors.ticketId?.message}>
          <Input
            id="check-ticket"
            inputMode="numeric"
            autoComplete="off"
            invalid={!!errors.ticketId}
            {...form.register("ticketId")}
          />
        </Field>
        <Field id="check-email" label="Email address" error={errors.email?.message}>
          <Input
            id="check-email"
            type="email"
            autoComplete="email"
            invalid={!!errors.email}
            {...form.register("email")}
          />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Email me the link"}
      </Button>
    </form>
  );
}
