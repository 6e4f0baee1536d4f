"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { staffFormSchema, type StaffFormInput, type StaffFormValues } from "@/lib/validation/admin";
import { createStaffAction, updateStaffAction } from "./actions";

type Props = { departments: { id: number; name: string }[] } & ({ mode: "create" } | { mode: "edit"; id: number; initial: StaffFormInput });

export function StaffForm(props: Props) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<StaffFormInput, unknown, StaffFormValues>({
    resolver: zodResolver(staffFormSchema),
    defaultValues:
      props.mode === "edit"
        ? props.initial
        : { fullname: "", email: "", username: "", role: "agent", departmentIds: [], active: true, passwordMode: "invite", password: "" },
  });
  const passwordMode = useWatch({ control, name: "passwordMode" });

  const onSubmit = (values: StaffFormValues) => {
    setFormError(undefined);
    setSaved(undefined);
    startTransition(async () => {
      const result = props.mode === "create" ? await createStaffAction(values) : await updateStaffAction(props.id, values);
      if (!result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof StaffFormInput, { message });
        return;
      }
      setSaved(result.message);
    });
  };

  const modes =
    props.mode === "create"
      ? [
          { value: "invite", label: "Email an invitation to choose a password" },
          { value: "set", label: "Set a password now" },
        ]
      : [
          { value: "keep", label: "Keep the current password" },
          { value: "set", label: "Set a new password" },
          { value: "invite", label: "Email a new invitation link" },
        ];

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
      <Field id="fullname" label="Name" error={errors.fullname?.message}>
        <Input id="fullname" invalid={!!errors.fullname} {...register("fullname")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" invalid={!!errors.email} {...register("email")} />
      </Field>
      <Field id="username" label="Username" error={errors.username?.message}>
        <Input id="username" autoComplete="off" invalid={!!errors.username} {...register("username")} />
      </Field>
      <Field id="role" label="Role" error={errors.role?.message} hint="Admins configure the help desk and see every department.">
        <Select id="role" invalid={!!errors.role} {...register("role")}>
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </Select>
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-800">Departments</legend>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {props.departments.map((d) => (
            <label key={d.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" value={String(d.id)} className="h-4 w-4 rounded border-slate-300" {...register("departmentIds")} />
              {d.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" {...register("active")} />
        <span>
          Active
          <span className="block text-xs text-slate-500">An inactive member cannot sign in; their tickets and replies stay.</span>
        </span>
      </label>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-800">Password</legend>
        {modes.map((mode) => (
          <label key={mode.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" value={mode.value} {...register("passwordMode")} />
            {mode.label}
          </label>
        ))}
      </fieldset>
      {passwordMode === "set" && (
        <Field id="password" label="New password" error={errors.password?.message} hint="At least 10 characters.">
          <Input id="password" type="password" autoComplete="new-password" invalid={!!errors.password} {...register("password")} />
        </Field>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create staff member" : "Save"}
        </Button>
        <Link href="/admin/staff" className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
