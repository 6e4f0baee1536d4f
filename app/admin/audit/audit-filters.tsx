"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { withParams } from "@/lib/url";
import { auditFilterSchema, type AuditFilterValues } from "@/lib/validation/admin";

export function AuditFilters({ initial, staff, actions }: { initial: AuditFilterValues; staff: { id: number; fullname: string }[]; actions: string[] }) {
  const router = useRouter();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<z.input<typeof auditFilterSchema>, unknown, AuditFilterValues>({ resolver: zodResolver(auditFilterSchema), defaultValues: initial });
  return (
    <form
      onSubmit={handleSubmit((values) => router.push(withParams("/admin/audit", {}, { ...values })))}
      noValidate
      className="mb-4 grid gap-3 sm:grid-cols-5 sm:items-end"
    >
      <Field id="actor" label="Who">
        <Select id="actor" {...register("actor")}>
          <option value="">Anyone</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.fullname}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="action" label="Action">
        <Select id="action" {...register("action")}>
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="from" label="From" error={errors.from?.message}>
        <Input id="from" type="date" {...register("from")} />
      </Field>
      <Field id="to" label="To (inclusive)" error={errors.to?.message}>
        <Input id="to" type="date" {...register("to")} />
      </Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
