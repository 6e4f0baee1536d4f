"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";
import { organizationSchema, type OrganizationInput, type OrganizationValues } from "@/lib/validation/organizations";
import { createOrganizationAction, updateOrganizationAction } from "./actions";

type Props = { mode: "create" } | { mode: "edit"; id: number; initial: OrganizationInput };

export function OrganizationForm(props: Props) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ id: number }>>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<OrganizationInput, unknown, OrganizationValues>({
    resolver: zodResolver(organizationSchema),
    defaultValues: props.mode === "edit" ? props.initial : { name: "", sharesTickets: false, domains: "" },
  });

  const onSubmit = (values: OrganizationValues) => {
    setResult(undefined);
    startTransition(async () => {
      // The action parses the typed text again, so it receives the form's input shape.
      const input = { ...values, domains: values.domains.join("\n") };
      const outcome = props.mode === "create" ? await createOrganizationAction(input) : await updateOrganizationAction(props.id, input);
      setResult(outcome);
      if (!outcome.ok) {
        for (const [field, message] of Object.entries(outcome.fieldErrors ?? {})) setError(field as keyof OrganizationInput, { message });
        return;
      }
      if (props.mode === "create" && outcome.data) router.push(`/agent/organizations/${outcome.data.id}?created=1`);
      else router.refresh();
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-5">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && props.mode === "edit" && <Alert tone="success">{result.message}</Alert>}
      <Field id="name" label="Name" error={errors.name?.message}>
        <Input id="name" invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field
        id="domains"
        label="Email domains"
        error={errors.domains?.message}
        hint="One per line, e.g. example.com. New customers with an email in these domains join this organization."
      >
        <Textarea id="domains" rows={3} invalid={!!errors.domains} {...register("domains")} />
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5" {...register("sharesTickets")} />
        <span>
          <span className="font-medium text-slate-800">Members see each other&apos;s tickets</span>
          <span className="block text-slate-500">In the customer portal, every member can read and follow the organization&apos;s tickets.</span>
        </span>
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : props.mode === "create" ? "Create organization" : "Save organization"}
      </Button>
    </form>
  );
}
