"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { priorityFormSchema, type PriorityFormValues } from "@/lib/validation/admin";
import { savePriorityAction } from "./actions";

export function PriorityForm({ id, initial }: { id: number | null; initial: PriorityFormValues }) {
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PriorityFormValues>({ resolver: zodResolver(priorityFormSchema), defaultValues: initial });
  const onSubmit = (values: PriorityFormValues) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await savePriorityAction(id, values);
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof PriorityFormValues, { message });
      }
    });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-md space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input id="name" invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field id="color" label="Colour" error={errors.color?.message} hint="Hex, e.g. #dc2626.">
        <div className="flex items-center gap-2">
          <input type="color" aria-label="Pick a colour" className="h-9 w-12 rounded ring-1 ring-slate-300" {...register("color")} />
          <Input id="color" className="max-w-32 font-mono" invalid={!!errors.color} {...register("color")} />
        </div>
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Link href="/admin/priorities" className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
