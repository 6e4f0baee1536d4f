"use client";

import Link from "next/link";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { feedbackSubmitSchema, type FeedbackSubmitInput, type FeedbackSubmitValues } from "@/lib/validation/feedback";
import { submitFeedbackAction } from "../actions";

export function FeedbackSubmitForm({ categories }: { categories: { id: number; name: string }[] }) {
  const { form, errors, result, pending, onSubmit } = useActionForm<FeedbackSubmitInput, FeedbackSubmitValues>(
    feedbackSubmitSchema,
    { kind: "idea", title: "", description: "", categoryId: "" },
    submitFeedbackAction,
  );
  const { register } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      <fieldset>
        <legend className="mb-1.5 block text-sm font-medium text-slate-800">Kind</legend>
        <div className="flex flex-col gap-2 text-sm text-slate-800 sm:flex-row sm:gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" value="idea" {...register("kind")} />
            <span>
              Idea <span className="text-slate-500">— something new</span>
            </span>
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="suggestion" {...register("kind")} />
            <span>
              Suggestion <span className="text-slate-500">— improve what exists</span>
            </span>
          </label>
        </div>
        {errors.kind && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {errors.kind.message}
          </p>
        )}
      </fieldset>
      <Field id="title" label="Title" error={errors.title?.message} hint="One line that sums it up.">
        <Input id="title" maxLength={200} invalid={!!errors.title} {...register("title")} />
      </Field>
      <Field id="description" label="Description" error={errors.description?.message} hint="What problem would it solve? How would you use it?">
        <Textarea id="description" rows={7} invalid={!!errors.description} {...register("description")} />
      </Field>
      {categories.length > 0 && (
        <Field id="categoryId" label="Category" error={errors.categoryId?.message}>
          <Select id="categoryId" invalid={!!errors.categoryId} {...register("categoryId")}>
            <option value="">No category</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Submitting…" : "Submit"}
        </Button>
        <Link href="/feedback" className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
