"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { allApiPermissions, apiPermissionGroups } from "@/lib/api-keys/permissions";
import { apiKeyFormSchema, type ApiKeyFormInput, type ApiKeyFormValues } from "@/lib/validation/api-keys";
import { createApiKeyAction, updateApiKeyAction } from "./actions";
import { TokenReveal } from "./token-reveal";

const columns = ["create", "read", "update", "delete", "download", "auth"] as const;

type Props = { mode: "create" } | { mode: "edit"; id: number; initial: ApiKeyFormValues };

export function ApiKeyForm(props: Props) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [token, setToken] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<ApiKeyFormInput, unknown, ApiKeyFormValues>({
    resolver: zodResolver(apiKeyFormSchema),
    defaultValues:
      props.mode === "edit"
        ? props.initial
        : { name: "", permissions: allApiPermissions.filter((p) => p.endsWith("/read")), ipAllowlist: "", rateLimitPerMinute: 600, active: true },
  });
  const selected = useWatch({ control, name: "permissions" }) ?? [];

  const onSubmit = (values: ApiKeyFormValues) => {
    setFormError(undefined);
    setSaved(undefined);
    startTransition(async () => {
      const result = props.mode === "create" ? await createApiKeyAction(values) : await updateApiKeyAction(props.id, values);
      if (!result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof ApiKeyFormInput, { message });
        return;
      }
      if (result.data && "token" in result.data) setToken(result.data.token);
      else setSaved(result.message);
    });
  };

  if (token) {
    return (
      <div className="space-y-4">
        <TokenReveal token={token} />
        <Link href="/admin/api-keys" className={buttonClass("secondary")}>
          Back to API keys
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-3xl space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
      <Field id="name" label="Name" error={errors.name?.message} hint="Who uses this key, e.g. “CRM integration”.">
        <Input id="name" invalid={!!errors.name} {...register("name")} />
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Permissions</legend>
        <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Resource
                </th>
                {columns.map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 text-center font-medium capitalize">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {apiPermissionGroups.map((group) => (
                <tr key={group.resource}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                    {group.label}
                  </th>
                  {columns.map((column) => {
                    const action = group.actions.find((a) => a.action === column);
                    if (!action) return <td key={column} className="px-3 py-2" />;
                    const value = `${group.resource}/${action.action}`;
                    return (
                      <td key={column} className="px-3 py-2 text-center">
                        <input
                          type="checkbox"
                          value={value}
                          title={action.label}
                          aria-label={`${group.label}: ${action.label}`}
                          className="h-4 w-4 rounded border-slate-300"
                          {...register("permissions")}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex gap-2 text-sm">
          <button type="button" className="text-brand-700 underline" onClick={() => setValue("permissions", [...allApiPermissions])}>
            Select all
          </button>
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => setValue("permissions", allApiPermissions.filter((p) => p.endsWith("/read")))}
          >
            Read only
          </button>
          <button type="button" className="text-brand-700 underline" onClick={() => setValue("permissions", [])}>
            None
          </button>
          <span className="text-slate-500">{selected.length} selected</span>
        </div>
        {errors.permissions?.message && <p className="text-sm text-red-700">{errors.permissions.message}</p>}
      </fieldset>

      <Field
        id="ipAllowlist"
        label="Allowed IP addresses"
        error={errors.ipAllowlist?.message}
        hint="One a line: 203.0.113.7, 2001:db8::1, 203.0.113.* or 203.0.113.0/24. Leave empty to accept any address."
      >
        <Textarea id="ipAllowlist" rows={4} className="font-mono" invalid={!!errors.ipAllowlist} {...register("ipAllowlist")} />
      </Field>

      <Field id="rateLimitPerMinute" label="Requests a minute" error={errors.rateLimitPerMinute?.message} hint="0 means no limit.">
        <Input id="rateLimitPerMinute" type="number" min={0} className="max-w-40" invalid={!!errors.rateLimitPerMinute} {...register("rateLimitPerMinute")} />
      </Field>

      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("active")} />
        Active
      </label>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create API key" : "Save"}
        </Button>
        <Link href="/admin/api-keys" className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
