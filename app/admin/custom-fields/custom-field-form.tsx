"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { customFieldTypeList } from "@/lib/custom-fields/schema";
import { customFieldFormSchema, type CustomFieldFormInput, type CustomFieldFormValues } from "@/lib/validation/admin";
import { saveCustomFieldAction } from "./actions";

const typeLabels: Record<(typeof customFieldTypeList)[number], string> = {
  text: "Text",
  textarea: "Long text",
  checkbox: "Checkboxes",
  radio: "Radio buttons",
  select: "Drop-down list",
  date: "Date",
  email: "Email address",
};

export function CustomFieldForm({ id, initial, departments }: { id: number | null; initial: CustomFieldFormInput; departments: { id: number; name: string }[] }) {
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<CustomFieldFormInput, unknown, CustomFieldFormValues>({ resolver: zodResolver(customFieldFormSchema), defaultValues: initial });
  const [type, title, description, required, options, allDepartments] = useWatch({
    control,
    name: ["type", "title", "description", "required", "options", "allDepartments"],
  });

  const onSubmit = (values: CustomFieldFormValues) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await saveCustomFieldAction(id, values);
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof CustomFieldFormInput, { message });
      }
    });

  const withOptions = type === "radio" || type === "select" || type === "checkbox";
  const previewOptions = (options ?? "").split("\n").map((o) => o.trim()).filter(Boolean);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="min-w-0 max-w-xl space-y-5">
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field id="type" label="Type" error={errors.type?.message}>
          <Select id="type" {...register("type")}>
            {customFieldTypeList.map((t) => (
              <option key={t} value={t}>
                {typeLabels[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="title" label="Title" error={errors.title?.message}>
          <Input id="title" invalid={!!errors.title} {...register("title")} />
        </Field>
        <Field id="description" label="Help text" error={errors.description?.message}>
          <Input id="description" invalid={!!errors.description} {...register("description")} />
        </Field>
        {withOptions && (
          <Field
            id="options"
            label="Options"
            error={errors.options?.message}
            hint={type === "checkbox" ? "One a line. Leave empty for a single yes/no box." : "One a line."}
          >
            <Textarea id="options" rows={5} invalid={!!errors.options} {...register("options")} />
          </Field>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("required")} />
          Required
        </label>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-800">Departments</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("allDepartments")} />
            All departments
          </label>
          {!allDepartments && (
            <div className="grid gap-1.5 pl-6 sm:grid-cols-2">
              {departments.map((d) => (
                <label key={d.id} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" value={String(d.id)} className="h-4 w-4 rounded border-slate-300" {...register("departmentIds")} />
                  {d.name}
                </label>
              ))}
            </div>
          )}
          {errors.departmentIds?.message && <p className="text-sm text-red-700">{errors.departmentIds.message}</p>}
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <Link href="/admin/custom-fields" className={buttonClass("secondary")}>
            Back
          </Link>
        </div>
      </form>
      <aside aria-label="Preview" className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
        <h2 className="text-sm font-semibold text-slate-900">How customers see it</h2>
        <CustomFieldInputs
          fields={[
            {
              id: 0,
              type: type ?? "text",
              title: title || "Untitled",
              description: description || null,
              required: Boolean(required),
              options: previewOptions,
            },
          ]}
        />
      </aside>
    </div>
  );
}
