"use client";

import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { linkEmailSchema } from "@/lib/validation/portal";

export function ConfirmEmailForm({ action }: { action: (form: FormData) => Promise<ActionResult> }) {
  const router = useRouter();
  const { form, errors, result, pending, onSubmit } = useActionForm(linkEmailSchema, { email: "" }, action, {
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {result && !result.ok && !result.fieldErrors && <Alert tone="error">{result.message}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <Field id="link-email" label="Your email address" error={errors.email?.message}>
            <Input
              id="link-email"
              type="email"
              autoComplete="email"
              invalid={!!errors.email}
              {...form.register("email")}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className={errors.email ? "sm:mb-7" : ""}>
          {pending ? "Checking…" : "Continue"}
        </Button>
      </div>
    </form>
  );
}
