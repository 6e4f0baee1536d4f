"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { departmentDeleteSchema, type DepartmentDeleteInput, type DepartmentDeleteValues } from "@/lib/validation/admin";
import { deleteDepartmentAction } from "./actions";

export function DeleteDepartmentForm({ id, ticketCount, others }: { id: number; ticketCount: number; others: { id: number; name: string }[] }) {
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<DepartmentDeleteInput, unknown, DepartmentDeleteValues>({
    resolver: zodResolver(departmentDeleteSchema),
    defaultValues: { tickets: others.length ? "move" : "delete", targetId: "", confirm: false as unknown as true },
  });
  const choice = useWatch({ control, name: "tickets" });

  const onSubmit = (values: DepartmentDeleteValues) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await deleteDepartmentAction(id, values);
      if (result && !result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
          setError(field.replace(/^choice\./, "") as keyof DepartmentDeleteInput, { message });
      }
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <p className="text-sm text-slate-700">
        This department has <strong>{ticketCount}</strong> {ticketCount === 1 ? "ticket" : "tickets"}. Choose what happens to them.
      </p>
      <fieldset className="space-y-2 text-sm">
        <legend className="sr-only">Its tickets</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="move" disabled={others.length === 0} {...register("tickets")} />
          Move its tickets to another department
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" value="delete" {...register("tickets")} />
          Delete its tickets too (cannot be undone)
        </label>
        {errors.tickets?.message && <p className="text-red-700">{errors.tickets.message}</p>}
      </fieldset>
      {choice === "move" && (
        <Field id="targetId" label="Move tickets to" error={errors.targetId?.message}>
          <Select id="targetId" invalid={!!errors.targetId} {...register("targetId")}>
            <option value="">Choose a department…</option>
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("confirm")} />I understand: the department is deleted for good.
      </label>
      {errors.confirm?.message && <p className="text-sm text-red-700">{errors.confirm.message}</p>}
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete department"}
      </Button>
    </form>
  );
}
