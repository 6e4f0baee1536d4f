"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { templateFormSchema, type TemplateFormInput, type TemplateFormValues } from "@/lib/validation/admin";
import { previewTemplateAction, resetTemplateAction, saveTemplateAction } from "./actions";

type Preview = { subject: string; text: string; html: string };

export function TemplateForm({
  event,
  initial,
  mandatory,
  placeholders,
}: {
  event: string;
  initial: TemplateFormValues;
  mandatory: boolean;
  placeholders: string[];
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [preview, setPreview] = useState<Preview>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors },
  } = useForm<TemplateFormInput, unknown, TemplateFormValues>({ resolver: zodResolver(templateFormSchema), defaultValues: initial });

  const showErrors = (result: { message: string; fieldErrors?: Record<string, string> }) => {
    setFormError(result.message);
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof TemplateFormInput, { message });
  };

  const onSubmit = (values: TemplateFormValues) =>
    startTransition(async () => {
      setFormError(undefined);
      setSaved(undefined);
      const result = await saveTemplateAction(event, values);
      if (!result.ok) return showErrors(result);
      setSaved(result.message);
    });

  const onPreview = () =>
    startTransition(async () => {
      const values = getValues();
      const result = await previewTemplateAction({ subject: values.subject, body: values.body });
      if (!result.ok) return showErrors(result);
      setPreview(result.data as Preview);
    });

  const onReset = () =>
    startTransition(async () => {
      if (!window.confirm("Replace this template with the built-in one?")) return;
      const result = await resetTemplateAction(event);
      if (!result.ok) return showErrors(result);
      setSaved(result.message);
      router.refresh();
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="min-w-0 space-y-5">
        {formError && <Alert tone="error">{formError}</Alert>}
        {saved && <Alert tone="success">{saved}</Alert>}
        <Field id="subject" label="Subject" error={errors.subject?.message}>
          <Input id="subject" invalid={!!errors.subject} {...register("subject")} />
        </Field>
        <Field id="body" label="Body" error={errors.body?.message} hint="Plain text; links become clickable in the HTML part.">
          <Textarea id="body" rows={14} className="font-mono" invalid={!!errors.body} {...register("body")} />
        </Field>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" disabled={mandatory} {...register("enabled")} />
          <span>
            Send this email
            {mandatory && <span className="block text-xs text-slate-500">Required: this email cannot be switched off.</span>}
          </span>
        </label>
        {errors.enabled?.message && <p className="text-sm text-red-700">{errors.enabled.message}</p>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <Button type="button" variant="secondary" disabled={pending} onClick={onPreview}>
            Preview
          </Button>
          <Button type="button" variant="ghost" disabled={pending} onClick={onReset}>
            Reset to built-in
          </Button>
        </div>
        {preview && (
          <section aria-label="Preview" className="space-y-2 rounded-md p-4 ring-1 ring-slate-200">
            <p className="text-sm">
              <span className="text-slate-500">Subject: </span>
              <strong data-testid="preview-subject">{preview.subject}</strong>
            </p>
            <iframe title="Preview" sandbox="" srcDoc={preview.html} className="h-72 w-full rounded bg-white ring-1 ring-slate-200" />
          </section>
        )}
      </form>
      <aside className="space-y-2 text-sm">
        <h2 className="font-semibold text-slate-900">Placeholders</h2>
        <p className="text-xs text-slate-500">Type them with double braces; unknown ones render empty.</p>
        <ul className="space-y-1">
          {placeholders.map((name) => (
            <li key={name}>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{`{{${name}}}`}</code>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
