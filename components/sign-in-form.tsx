"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { customerSignInSchema, staffSignInSchema } from "@/lib/validation/auth";

type Values = { login?: string; email?: string; password: string; code?: string };

const signInError = (code: string) =>
  code === "rate_limited"
    ? "Too many sign-in attempts. Please wait a few minutes and try again."
    : "The sign-in details are not correct.";

/** Sign-in for either principal: staff sign in with username or email, customers with email. */
export function SignInForm({ kind, callbackUrl }: { kind: "staff" | "customer"; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  // Staff with two-factor sign-in: the server asks for the code once the password is right.
  const [needsCode, setNeedsCode] = useState(false);
  const loginField = kind === "staff" ? "login" : "email";
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    // One form for both principals: each validates with its own schema.
    resolver: (kind === "staff" ? zodResolver(staffSignInSchema) : zodResolver(customerSignInSchema)) as unknown as Resolver<Values>,
    defaultValues: { [loginField]: "", password: "" },
  });

  const onSubmit = async (values: Values) => {
    setError(undefined);
    const { code, ...credentials } = values;
    const result = await signIn(kind, { ...credentials, ...(needsCode && code ? { code } : {}), redirect: false });
    if (result?.error === "two_factor_required") {
      setNeedsCode(true);
      return;
    }
    if (!result || result.error) {
      setError(signInError(result?.error ?? ""));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  };

  const loginError = errors[loginField]?.message;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-5">
      {error && <Alert tone="error">{error}</Alert>}
      <Field id={loginField} label={kind === "staff" ? "Username or email" : "Email address"} error={loginError}>
        <Input
          id={loginField}
          type={kind === "staff" ? "text" : "email"}
          autoComplete="username"
          invalid={!!loginError}
          {...register(loginField)}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" invalid={!!errors.password} {...register("password")} />
      </Field>
      {needsCode && (
        <Field id="code" label="Two-factor code" hint="The 6-digit code from your authenticator app, or one of your recovery codes.">
          <Input id="code" autoComplete="one-time-code" autoFocus {...register("code")} />
        </Field>
      )}
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
