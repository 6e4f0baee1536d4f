"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { CustomFieldInputs } from "@/components/custom-fields/custom-field-inputs";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions";
import { fieldValuesFromForm, parseFieldValues, type CustomFieldDefinition } from "@/lib/custom-fields/schema";

/** Edits the custom fields of the ticket's department; checked here and again by the server. */
export function TicketFieldsForm({
  action,
  fields,
  values,
}: {
  action: (form: FormData) => Promise<ActionResult>;
  fields: CustomFieldDefinition[];
  values: Record<string, string | string[]>;
}) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const checked = parseFieldValues(fields, fieldValuesFromForm(form));
        if (!checked.ok) {
          setResult({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: checked.fieldErrors });
          return;
        }
        startTransition(async () => {
          const outcome = await action(form);
          setResult(outcome);
          if (outcome.ok) router.refresh();
        });
      }}
    >
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      {/* Remounted when the stored values change, so the inputs show them; the result message stays. */}
      <CustomFieldInputs key={JSON.stringify(values)} fields={fields} errors={errors} defaultValues={values} />
      <Button type="submit" variant="secondary" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Save fields"}
      </Button>
    </form>
  );
}
