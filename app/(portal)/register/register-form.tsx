"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { registerSchema } from "@/lib/validation/auth";
import { registerAction } from "./actions";

export function RegisterForm() {
  const router = useRouter();
  const { form, errors, result, pending, onSubmit } = useActionForm(
    registerSchema,
    { fullname: "", email: "", password: "", confirmPassword: "" },
    registerAction,
    {
      onSuccess: async () => {
        const { email, password } = form.getValues();
        const signedIn = await signIn("customer", { email, password, redirect: false });
        router.push(signedIn && !signedIn.error ? "/account/tickets" : "/login?done=registered");
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      <Field id="fullname" label="Your name" error={errors.fullname?.message}>
        <Input id="fullname" autoComplete="name" invalid={!!errors.fullname} {...form.register("fullname")} />
      </Field>
      <Field id="email" label="Email address" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="email"
          invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.password}
          {...form.register("password")}
        />
      </Field>
      <Field id="confirmPassword" label="Repeat the password" error={errors.confirmPassword?.message}>
        <Input
          id="confirmPassword"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.confirmPassword}
          {...form.register("confirmPassword")}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
