"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { cannedFormSchema, type CannedFormValues } from "@/lib/validation/admin";
import type { ActionResult } from "@/lib/actions";

/** A canned response's title and text; `save` is the server action of the page's door (admin or agent). */
export function CannedForm({
  id,
  initial,
  placeholders,
  save,
  backHref,
}: {
  id: number | null;
  initial: CannedFormValues;
  placeholders: readonly string[];
  save: (id: number | null, values: CannedFormValues) => Promise<ActionResult<unknown> | undefined>;
  backHref: string;
}) {
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CannedFormValues>({ resolver: zodResolver(cannedFormSchema), defaultValues: initial });
  const onSubmit = (values: CannedFormValues) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await save(id, values);
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof CannedFormValues, { message });
      }
    });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-2xl space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="title" label="Title" error={errors.title?.message}>
        <Input id="title" invalid={!!errors.title} {...register("title")} />
      </Field>
      <Field id="body" label="Text" error={errors.body?.message} hint={`Placeholders: ${placeholders.map((p) => `{{${p}}}`).join(", ")}`}>
        <Textarea id="body" rows={10} invalid={!!errors.body} {...register("body")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Link href={backHref} className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
