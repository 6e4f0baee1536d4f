"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition, type BaseSyntheticEvent } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { ArticleSuggestions } from "@/components/kb/article-suggestions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { fieldKey, fieldValuesSchema, type CustomFieldDefinition } from "@/lib/custom-fields/schema";
import { openTicketSchema } from "@/lib/validation/tickets";
import { openTicketAction } from "./actions";

type FormInput = z.input<typeof openTicketSchema>;
type FormOutput = z.output<typeof openTicketSchema>;

export function OpenTicketForm({
  departments,
  requester,
  attachments,
  fieldsByDepartment,
}: {
  departments: { id: number; name: string }[];
  /** Each department's custom fields: choosing a department shows its fields. */
  fieldsByDepartment: Record<number, CustomFieldDefinition[]>;
  requester: { fullname: string; email: string } | null;
  attachments: { enabled: boolean; maxCount: number; maxSizeMb: number; types: string };
}) {
  const [formError, setFormError] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    // The chosen department's fields are checked with the same schema the server uses (parseFieldValues).
    resolver: ((values, context, options) => {
      const fields = fieldsByDepartment[Number(values.departmentId)] ?? [];
      const resolve = zodResolver(openTicketSchema.extend(fieldValuesSchema(fields).shape)) as unknown as Resolver<FormInput, unknown, FormOutput>;
      return resolve(values, context, options);
    }) satisfies Resolver<FormInput, unknown, FormOutput>,
    defaultValues: {
      departmentId: departments.length === 1 ? String(departments[0]!.id) : "",
      fullname: requester?.fullname ?? "",
      email: requester?.email ?? "",
      subject: "",
      message: "",
    },
  });

  const fields = fieldsByDepartment[Number(useWatch({ control, name: "departmentId" }))] ?? [];
  const fieldErrors = errors as Record<string, { message?: string } | undefined>;

  const onSubmit = (values: FormOutput, event?: BaseSyntheticEvent) => {
    setFormError(undefined);
    setFileError(undefined);
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) if (!key.startsWith("field_")) form.set(key, String(value));
    const element = event?.target as HTMLFormElement | undefined;
    // Custom fields go as the inputs hold them (a checkbox group as one entry per ticked option); only
    // the shown department's inputs are in the form, so another department's leftovers never travel.
    for (const [key, value] of element ? new FormData(element) : []) if (key.startsWith("field_")) form.append(key, value);
    const picker = element?.elements.namedItem("attachments") as HTMLInputElement | null;
    for (const file of Array.from(picker?.files ?? [])) form.append("attachments", file);
    startTransition(async () => {
      const result = await openTicketAction(form);
      // Success redirects; only failures come back.
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
          if (field === "attachments") setFileError(message);
          else setError(field as keyof FormInput, { message });
        }
      }
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="departmentId" label="Department" error={errors.departmentId?.message}>
        <Select id="departmentId" invalid={!!errors.departmentId} {...register("departmentId")}>
          <option value="">Choose a department…</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="fullname" label="Your name" error={errors.fullname?.message}>
          <Input id="fullname" autoComplete="name" readOnly={!!requester} invalid={!!errors.fullname} {...register("fullname")} />
        </Field>
        <Field id="email" label="Email address" error={errors.email?.message}>
          <Input id="email" type="email" autoComplete="email" readOnly={!!requester} invalid={!!errors.email} {...register("email")} />
        </Field>
      </div>
      <Field id="subject" label="Subject" error={errors.subject?.message}>
        <Input id="subject" invalid={!!errors.subject} {...register("subject")} />
      </Field>
      <ArticleSuggestions inputId="subject" />
      <Field id="message" label="Message" error={errors.message?.message}>
        <Textarea id="message" rows={8} invalid={!!errors.message} {...register("message")} />
      </Field>
      <CustomFieldInputs
        fields={fields}
        register={register}
        errors={Object.fromEntries(fields.map((f) => [fieldKey(f), fieldErrors[fieldKey(f)]?.message]))}
      />
      {attachments.enabled && (
        <Field
          id="attachments"
          label="Attachments (optional)"
          error={fileError}
          hint={`Up to ${attachments.maxCount} files, ${attachments.maxSizeMb} MB each. Accepted: ${attachments.types}.`}
        >
          <FileInput id="attachments" name="attachments" multiple />
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Open ticket"}
      </Button>
    </form>
  );
}
