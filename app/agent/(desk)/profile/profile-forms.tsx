"use client";

import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { staffPasswordChangeSchema, staffProfileSchema, type StaffProfileInput } from "@/lib/validation/staff-profile";
import { changeStaffPasswordAction, updateStaffProfileAction } from "./actions";

function Outcome({ result }: { result?: ActionResult }) {
  if (!result) return null;
  if (!result.ok) return result.fieldErrors ? null : <Alert tone="error">{result.message}</Alert>;
  return result.message ? <Alert tone="success">{result.message}</Alert> : null;
}

export function StaffProfileForm({ initial, timezones }: { initial: StaffProfileInput; timezones: string[] }) {
  const { form, errors, result, pending, onSubmit } = useActionForm(staffProfileSchema, initial, updateStaffProfileAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Outcome result={result} />
      <Field id="fullname" label="Name" error={errors.fullname?.message}>
        <Input id="fullname" autoComplete="name" invalid={!!errors.fullname} {...form.register("fullname")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="email" invalid={!!errors.email} {...form.register("email")} />
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
      <Field id="signature" label="Signature" error={errors.signature?.message} hint="Added below your replies to customers.">
        <Textarea id="signature" rows={4} invalid={!!errors.signature} {...form.register("signature")} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

export function StaffPasswordForm() {
  const { form, errors, result, pending, onSubmit } = useActionForm(
    staffPasswordChangeSchema,
    { currentPassword: "", password: "", confirmPassword: "" },
    changeStaffPasswordAction,
    { resetOnSuccess: true },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Outcome result={result} />
      <Field id="currentPassword" label="Current password" error={errors.currentPassword?.message}>
        <Input id="currentPassword" type="password" autoComplete="current-password" invalid={!!errors.currentPassword} {...form.register("currentPassword")} />
      </Field>
      <Field id="password" label="New password" error={errors.password?.message} hint="At least 10 characters.">
        <Input id="password" type="password" autoComplete="new-password" invalid={!!errors.password} {...form.register("password")} />
      </Field>
      <Field id="confirmPassword" label="New password again" error={errors.confirmPassword?.message}>
        <Input id="confirmPassword" type="password" autoComplete="new-password" invalid={!!errors.confirmPassword} {...form.register("confirmPassword")} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
