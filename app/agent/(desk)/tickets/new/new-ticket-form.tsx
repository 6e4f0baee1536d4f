"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition, type BaseSyntheticEvent } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { fieldKey, fieldValuesSchema, type CustomFieldDefinition } from "@/lib/custom-fields/schema";
import { staffNewTicketSchema } from "@/lib/validation/tickets";
import { newTicketAction } from "./actions";

type FormInput = z.input<typeof staffNewTicketSchema>;
type FormOutput = z.output<typeof staffNewTicketSchema>;
type Option = { id: number; name: string };

export function NewTicketForm({
  departments,
  priorities,
  fieldsByDepartment,
}: {
  departments: Option[];
  priorities: Option[];
  /** Each department's custom fields: choosing a department shows its fields. */
  fieldsByDepartment: Record<number, CustomFieldDefinition[]>;
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
      const resolve = zodResolver(staffNewTicketSchema.extend(fieldValuesSchema(fields).shape)) as unknown as Resolver<FormInput, unknown, FormOutput>;
      return resolve(values, context, options);
    }) satisfies Resolver<FormInput, unknown, FormOutput>,
    defaultValues: { departmentId: departments.length === 1 ? String(departments[0]!.id) : "", fullname: "", email: "", subject: "", message: "", priorityId: "", notify: true },
  });

  const fields = fieldsByDepartment[Number(useWatch({ control, name: "departmentId" }))] ?? [];
  const fieldErrors = errors as Record<string, { message?: string } | undefined>;

  const onSubmit = (values: FormOutput, event?: BaseSyntheticEvent) => {
    setFormError(undefined);
    setFileError(undefined);
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined && !key.startsWith("field_")) form.set(key, key === "notify" ? (value ? "on" : "") : String(value));
    }
    const element = event?.target as HTMLFormElement | undefined;
    // Custom fields go as the inputs hold them (a checkbox group as one entry per ticked option); only
    // the shown department's inputs are in the form, so another department's leftovers never travel.
    for (const [key, value] of element ? new FormData(element) : []) if (key.startsWith("field_")) form.append(key, value);
    const picker = element?.elements.namedItem("attachments") as HTMLInputElement | null;
    for (const file of Array.from(picker?.files ?? [])) form.append("attachments", file);
    startTransition(async () => {
      const result = await newTicketAction(form);
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
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="email" label="Customer email" error={errors.email?.message} hint="An existing customer, or a new one is created.">
          <Input id="email" type="email" invalid={!!errors.email} {...register("email")} />
        </Field>
        <Field id="fullname" label="Customer name (for a new customer)" error={errors.fullname?.message}>
          <Input id="fullname" invalid={!!errors.fullname} {...register("fullname")} />
        </Field>
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
        <Field id="priorityId" label="Priority" error={errors.priorityId?.message}>
          <Select id="priorityId" {...register("priorityId")}>
            <option value="">None</option>
            {priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="subject" label="Subject" error={errors.subject?.message}>
        <Input id="subject" invalid={!!errors.subject} {...register("subject")} />
      </Field>
      <Field id="message" label="Message" error={errors.message?.message}>
        <Textarea id="message" rows={8} invalid={!!errors.message} {...register("message")} />
      </Field>
      <CustomFieldInputs
        fields={fields}
        register={register}
        errors={Object.fromEntries(fields.map((f) => [fieldKey(f), fieldErrors[fieldKey(f)]?.message]))}
      />
      <Field id="attachments" label="Attachments" error={fileError}>
        <FileInput id="attachments" name="attachments" multiple />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register("notify")} /> Email the customer the ticket confirmation and link
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create ticket"}
      </Button>
    </form>
  );
}
