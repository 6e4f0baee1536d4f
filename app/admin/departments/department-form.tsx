"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { departmentFormSchema, type DepartmentFormInput, type DepartmentFormValues } from "@/lib/validation/admin";
import { createDepartmentAction, updateDepartmentAction } from "./actions";

type Props = { mode: "create" } | { mode: "edit"; id: number; initial: DepartmentFormValues };

export function DepartmentForm(props: Props) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<DepartmentFormInput, unknown, DepartmentFormValues>({
    resolver: zodResolver(departmentFormSchema),
    defaultValues: props.mode === "edit" ? props.initial : { name: "", isPrivate: false, portalEnabled: true },
  });

  const onSubmit = (values: DepartmentFormValues) => {
    setFormError(undefined);
    setSaved(undefined);
    startTransition(async () => {
      const result = props.mode === "create" ? await createDepartmentAction(values) : await updateDepartmentAction(props.id, values);
      if (!result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof DepartmentFormInput, { message });
        return;
      }
      setSaved(result.message);
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input id="name" invalid={!!errors.name} {...register("name")} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" {...register("isPrivate")} />
        <span>
          Private
          <span className="block text-xs text-slate-500">Not offered to customers; staff, mail and the API can still use it.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" {...register("portalEnabled")} />
        <span>
          Offered on the portal
          <span className="block text-xs text-slate-500">Customers can choose it when they open a ticket (public departments only).</span>
        </span>
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create department" : "Save"}
        </Button>
        <Link href="/admin/departments" className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
