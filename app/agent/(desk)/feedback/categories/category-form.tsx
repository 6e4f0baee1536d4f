"use client";

import Link from "next/link";
import { useTransition } from "react";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { feedbackCategoryFormSchema, type FeedbackCategoryFormInput, type FeedbackCategoryFormValues } from "@/lib/validation/feedback";
import { deleteFeedbackCategoryAction, saveFeedbackCategoryAction } from "../actions";

export function FeedbackCategoryForm({ id, initial }: { id: number | null; initial: FeedbackCategoryFormInput }) {
  const { form, errors, result, pending, onSubmit } = useActionForm<FeedbackCategoryFormInput, FeedbackCategoryFormValues>(
    feedbackCategoryFormSchema,
    initial,
    (data) => saveFeedbackCategoryAction(id, Object.fromEntries(data.entries())),
  );
  const [deleting, startDelete] = useTransition();
  const { register } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input id="name" invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field id="description" label="Description (optional)" error={errors.description?.message}>
        <Textarea id="description" rows={3} invalid={!!errors.description} {...register("description")} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save category"}
        </Button>
        <Link href="/agent/feedback/categories" className={buttonClass("secondary")}>
          Back
        </Link>
        {id != null && (
          <Button
            type="button"
            variant="danger"
            className="ml-auto"
            disabled={deleting}
            onClick={() => {
              if (window.confirm("Delete this category? Its items stay, without a category.")) startDelete(async () => void (await deleteFeedbackCategoryAction(id)));
            }}
          >
            Delete
          </Button>
        )}
      </div>
    </form>
  );
}
