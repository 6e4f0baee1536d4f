"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { settingsSections, type SettingsSection } from "@/lib/validation/admin";
import { saveSettingsAction } from "./actions";

export type SettingField = {
  name: string;
  label: string;
  kind: "text" | "number" | "checkbox" | "textarea" | "select";
  hint?: string;
  options?: { value: string; label: string }[];
  step?: string;
};

export function SettingsForm({ section, fields, initial }: { section: SettingsSection; fields: SettingField[]; initial: Record<string, unknown> }) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FieldValues>({
    resolver: zodResolver(settingsSections[section] as never) as unknown as Resolver<FieldValues>,
    defaultValues: initial,
  });

  const onSubmit = (values: FieldValues) =>
    startTransition(async () => {
      setFormError(undefined);
      setSaved(undefined);
      const result = await saveSettingsAction(section, values);
      if (!result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(("fieldErrors" in result && result.fieldErrors) || {})) setError(field, { message });
        return;
      }
      setSaved(result.message);
    });

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
      {fields.map((field) => {
        const error = errors[field.name]?.message as string | undefined;
        if (field.kind === "checkbox") {
          return (
            <label key={field.name} className="flex items-start gap-2 text-sm text-slate-800">
              <input id={field.name} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" {...register(field.name)} />
              <span>
                {field.label}
                {field.hint && <span className="block text-xs text-slate-500">{field.hint}</span>}
              </span>
            </label>
          );
        }
        return (
          <Field key={field.name} id={field.name} label={field.label} error={error} hint={field.hint}>
            {field.kind === "textarea" ? (
              <Textarea id={field.name} rows={3} invalid={!!error} {...register(field.name)} />
            ) : field.kind === "select" ? (
              <Select id={field.name} invalid={!!error} {...register(field.name)}>
                {field.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                id={field.name}
                type={field.kind === "number" ? "number" : "text"}
                step={field.step}
                className={field.kind === "number" ? "max-w-40" : ""}
                invalid={!!error}
                {...register(field.name)}
              />
            )}
          </Field>
        );
      })}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
