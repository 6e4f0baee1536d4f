"use client";

import type { UseFormRegister } from "react-hook-form";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { fieldKey, type CustomFieldDefinition } from "@/lib/custom-fields/schema";

/**
 * The inputs for a department's custom fields, named `field_<id>`. With `register` (react-hook-form)
 * the inputs are registered; without it they are plain named inputs for a FormData submit. Errors are
 * keyed `field_<id>`, as parseFieldValues returns them.
 */
export function CustomFieldInputs({
  fields,
  errors = {},
  register,
  defaultValues = {},
}: {
  fields: CustomFieldDefinition[];
  errors?: Record<string, string | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register?: UseFormRegister<any>;
  defaultValues?: Record<string, string | string[] | boolean | undefined>;
}) {
  if (fields.length === 0) return null;
  return (
    <div className="space-y-4">
      {fields.map((field) => {
        const name = fieldKey(field);
        const id = `cf-${field.id}`;
        const error = errors[name];
        const bind = register ? register(name) : { name };
        const initial = defaultValues[name];
        const label = field.required ? `${field.title} *` : field.title;
        const hint = field.description ?? undefined;
        const options = field.options ?? [];

        if (field.type === "radio" || (field.type === "checkbox" && options.length > 0)) {
          const type = field.type === "radio" ? "radio" : "checkbox";
          const chosen = Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : [];
          return (
            <fieldset key={field.id} className="space-y-1.5" aria-describedby={error ? `${id}-error` : undefined}>
              <legend className="text-sm font-medium text-slate-800">{label}</legend>
              {hint && <p className="text-xs text-slate-500">{hint}</p>}
              {options.map((option) => (
                <label key={option} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type={type} value={option} defaultChecked={register ? undefined : chosen.includes(option)} {...bind} />
                  {option}
                </label>
              ))}
              {error && (
                <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
                  {error}
                </p>
              )}
            </fieldset>
          );
        }
        if (field.type === "checkbox") {
          return (
            <div key={field.id} className="space-y-1">
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input id={id} type="checkbox" value="1" defaultChecked={register ? undefined : initial === true || initial === "1"} {...bind} />
                {label}
              </label>
              {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
              {error && (
                <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
                  {error}
                </p>
              )}
            </div>
          );
        }
        const common = { id, invalid: !!error, defaultValue: register ? undefined : (initial as string | undefined), ...bind };
        return (
          <Field key={field.id} id={id} label={label} error={error} hint={hint}>
            {field.type === "textarea" ? (
              <Textarea rows={4} {...common} />
            ) : field.type === "select" ? (
              <Select {...common}>
                <option value="">Choose…</option>
                {options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </Select>
            ) : (
              <Input type={field.type === "email" ? "email" : field.type === "date" ? "date" : "text"} {...common} />
            )}
          </Field>
        );
      })}
    </div>
  );
}
