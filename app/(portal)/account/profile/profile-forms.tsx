"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { emailChangeSchema, passwordChangeSchema, profileSchema } from "@/lib/validation/auth";
import { changeEmailAction, changePasswordAction, updateProfileAction } from "./actions";

function Outcome({ result }: { result?: ActionResult }) {
  if (!result) return null;
  if (!result.ok) return result.fieldErrors ? null : <Alert tone="error">{result.message}</Alert>;
  return result.message ? <Alert tone="success">{result.message}</Alert> : null;
}

export function ProfileForm({
  fullname,
  timezone,
  timezones,
}: {
  fullname: string;
  timezone: string;
  timezones: string[];
}) {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    profileSchema,
    { fullname, timezone },
    updateProfileAction,
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="profile-heading">
      <Outcome result={result} />
      <Field id="fullname" label="Name" error={errors.fullname?.message}>
        <Input id="fullname" autoComplete="name" invalid={!!errors.fullname} {...form.register("fullname")} />
      </Field>
      <Field id="timezone" label="Time zone" error={errors.timezone?.message}>
        <Select id="timezone" invalid={!!errors.timezone} {...form.register("timezone")}>
          <option value="">The help desk&apos;s time zone</option>
          {timezones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

export function EmailChangeForm() {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    emailChangeSchema,
    { email: "", currentPassword: "" },
    changeEmailAction,
    {
      resetOnSuccess: true,
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="email-heading">
      <Outcome result={result} />
      <Field id="new-email" label="New email address" error={errors.email?.message}>
        <Input
          id="new-email"
          type="email"
          autoComplete="email"
          invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <Field id="email-current-password" label="Current password" error={errors.currentPassword?.message}>
        <Input
          id="email-current-password"
          type="password"
          autoComplete="current-password"
          invalid={!!errors.currentPassword}
          {...form.register("currentPassword")}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}

export function PasswordChangeForm() {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    passwordChangeSchema,
    { currentPassword: "", password: "", confirmPassword: "" },
    changePasswordAction,
    { resetOnSuccess: true },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="password-heading">
      <Outcome result={result} />
      <Field id="current-password" label="Current password" error={errors.currentPassword?.message}>
        <Input
          id="current-password"
          type="password"
          autoComplete="current-password"
          invalid={!!errors.currentPassword}
          {...form.register("currentPassword")}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        hint="At least 10 characters."
        error={errors.password?.message}
      >
        <Input
          id="new-password"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.password}
          {...form.register("password")}
        />
      </Field>
      <Field id="confirm-password" label="Repeat the new password" error={errors.confirmPassword?.message}>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.confirmPassword}
          {...form.register("confirmPassword")}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
