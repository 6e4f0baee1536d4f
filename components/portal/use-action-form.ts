"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions";

/**
 * A react-hook-form form checked on the client with the input's zod schema, then sent as FormData to
 * a server action that parses it again. The action's field messages land under the fields, and what
 * was typed stays in place on any error.
 */
export function useActionForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  defaultValues: DefaultValues<TIn>,
  action: (form: FormData) => Promise<ActionResult | undefined | void>,
  options: { onSuccess?: (result: ActionResult & { ok: true }) => void; resetOnSuccess?: boolean } = {},
) {
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(schema), defaultValues });
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((_values, event) => {
    const data = new FormData(event?.target as HTMLFormElement);
    setResult(undefined);
    startTransition(async () => {
      const outcome = await action(data);
      // A redirect ends the action without a result.
      if (!outcome) return;
      setResult(outcome);
      if (!outcome.ok) {
        for (const [field, message] of Object.entries(outcome.fieldErrors ?? {})) {
          form.setError(field as Path<TIn>, { message });
        }
        return;
      }
      if (options.resetOnSuccess) form.reset();
      options.onSuccess?.(outcome);
    });
  });

  return { form, errors: form.formState.errors, result, pending, onSubmit };
}
