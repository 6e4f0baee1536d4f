"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { resetPasswordSchema } from "@/lib/validation/auth";

export function ResetPasswordForm({ action }: { action: (form: FormData) => Promise<ActionResult> }) {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    resetPasswordSchema,
    { password: "", confirmPassword: "" },
    action,
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      <Field
        id="password"
        label="New password"
        hint="At least 10 characters."
        error={errors.password?.message}
      >
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.password}
          {...form.register("password")}
        />
      </Field>
      <Field id="confirmPassword" label="Repeat the new password" error={errors.confirmPassword?.message}>
        <Input
          id="confirmPassword"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.confirmPassword}
          {...form.register("confirmPassword")}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
