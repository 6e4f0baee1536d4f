"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition, type BaseSyntheticEvent } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { openTicketSchema } from "@/lib/validation/tickets";
import { openTicketAction } from "./actions";

type FormInput = z.input<typeof openTicketSchema>;
type FormOutput = z.output<typeof openTicketSchema>;

export function OpenTicketForm({
  departments,
  requester,
  attachments,
}: {
  departments: { id: number; name: string }[];
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
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(openTicketSchema),
    defaultValues: {
      departmentId: departments.length === 1 ? String(departments[0]!.id) : "",
      fullname: requester?.fullname ?? "",
      email: requester?.email ?? "",
      subject: "",
      message: "",
    },
  });

  const onSubmit = (values: FormOutput, event?: BaseSyntheticEvent) => {
    setFormError(undefined);
    setFileError(undefined);
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) form.set(key, String(value));
    const picker = (event?.target as HTMLFormElement | undefined)?.elements.namedItem("attachments") as HTMLInputElement | null;
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
      <Field id="message" label="Message" error={errors.message?.message}>
        <Textarea id="message" rows={8} invalid={!!errors.message} {...register("message")} />
      </Field>
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
