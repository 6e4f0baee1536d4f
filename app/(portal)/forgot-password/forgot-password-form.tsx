"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { forgotPasswordSchema } from "@/lib/validation/auth";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    forgotPasswordSchema,
    { email: "" },
    forgotPasswordAction,
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok && !result.fieldErrors && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      <Field id="email" label="Email address" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="email"
          invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
