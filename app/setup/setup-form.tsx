"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setupAdminSchema, type SetupAdmin } from "@/lib/validation/auth";
import { setupAction } from "./actions";

const fields: { name: keyof SetupAdmin; label: string; type?: string; autoComplete?: string }[] = [
  { name: "helpdeskName", label: "Help desk name" },
  { name: "fullname", label: "Your name", autoComplete: "name" },
  { name: "email", label: "Your email", type: "email", autoComplete: "email" },
  { name: "username", label: "Username", autoComplete: "username" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Repeat the password", type: "password", autoComplete: "new-password" },
];

export function SetupForm() {
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SetupAdmin>({ resolver: zodResolver(setupAdminSchema), defaultValues: { helpdeskName: "Helpdeck" } });

  const onSubmit = (values: SetupAdmin) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) form.set(key, value);
    startTransition(async () => {
      const result = await setupAction(form);
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof SetupAdmin, { message });
      }
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      {fields.map((field) => (
        <Field key={field.name} id={field.name} label={field.label} error={errors[field.name]?.message}>
          <Input id={field.name} type={field.type ?? "text"} autoComplete={field.autoComplete} invalid={!!errors[field.name]} {...register(field.name)} />
        </Field>
      ))}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : "Create the admin account"}
      </Button>
    </form>
  );
}
