"use client";

import Link from "next/link";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { kbCategoryFormSchema, type KbCategoryFormInput, type KbCategoryFormValues } from "@/lib/validation/kb";

export function CategoryForm({
  initial,
  parents,
  action,
}: {
  initial: KbCategoryFormInput;
  parents: { id: number; name: string; depth: number }[];
  action: (input: unknown) => Promise<ActionResult>;
}) {
  const { form, errors, result, pending, onSubmit } = useActionForm<KbCategoryFormInput, KbCategoryFormValues>(kbCategoryFormSchema, initial, (data) =>
    action(Object.fromEntries(data.entries())),
  );
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
      <Field id="parentId" label="Inside" error={errors.parentId?.message}>
        <Select id="parentId" invalid={!!errors.parentId} {...register("parentId")}>
          <option value="">Top level</option>
          {parents.map((c) => (
            <option key={c.id} value={c.id}>
              {"— ".repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5" {...register("isPublic")} />
        <span>
          Public <span className="text-slate-500">— untick to keep this category, its subcategories and their articles for staff only.</span>
        </span>
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save category"}
        </Button>
        <Link href="/agent/kb/categories" className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
