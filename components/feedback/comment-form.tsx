"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { feedbackCommentSchema, type FeedbackCommentInput, type FeedbackCommentValues } from "@/lib/validation/feedback";
import type { ActionResult } from "@/lib/actions";

/** A comment box; the portal (customers) and the agent page (staff) pass their own action. */
export function FeedbackCommentForm({ itemId, action, label = "Add a comment" }: { itemId: number; action: (form: FormData) => Promise<ActionResult>; label?: string }) {
  const { form, errors, result, pending, onSubmit } = useActionForm<FeedbackCommentInput, FeedbackCommentValues>(
    feedbackCommentSchema,
    { itemId, body: "" },
    action,
    { resetOnSuccess: true },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <input type="hidden" {...form.register("itemId")} />
      <Field id="fb-comment" label={label} error={errors.body?.message}>
        <Textarea id="fb-comment" rows={3} maxLength={5000} invalid={!!errors.body} {...form.register("body")} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Posting…" : "Post comment"}
      </Button>
    </form>
  );
}
