"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import type { ActionResult } from "@/lib/actions";
import { ticketStatuses } from "@/lib/tickets/status";

/**
 * Reply box for customers and staff. Staff also choose "reply" or "internal note" and the status after
 * replying. The server action validates again; its field messages appear under the fields.
 */
export function ReplyForm({
  action,
  mode,
  allowAttachments,
}: {
  action: (form: FormData) => Promise<ActionResult>;
  mode: "customer" | "staff";
  allowAttachments: boolean;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<ActionResult>();
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!String(form.get("message") ?? "").trim()) {
      setResult({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: { message: "Write a message." } });
      return;
    }
    startTransition(async () => {
      const outcome = await action(form);
      setResult(outcome);
      if (outcome.ok) {
        formRef.current?.reset();
        router.refresh();
      }
    });
  };

  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && result.message && <Alert tone="success">{result.message}</Alert>}
      {mode === "staff" && (
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Message type</legend>
          {(["reply", "note"] as const).map((value) => (
            <label key={value} className="inline-flex items-center gap-2">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {value === "reply" ? "Reply to customer" : "Internal note"}
            </label>
          ))}
        </fieldset>
      )}
      <Field id="message" label={kind === "note" ? "Internal note (staff only)" : "Your reply"} error={errors.message}>
        <Textarea id="message" name="message" rows={6} invalid={!!errors.message} className={kind === "note" ? "bg-amber-50" : ""} />
      </Field>
      <div className="flex flex-wrap items-end gap-4">
        {allowAttachments && (
          <Field id="attachments" label="Attachments" error={errors.attachments}>
            <FileInput id="attachments" name="attachments" multiple />
          </Field>
        )}
        {mode === "staff" && kind === "reply" && (
          <Field id="status" label="Status after reply" error={errors.status}>
            <Select id="status" name="status" defaultValue="" className="w-48">
              <option value="">Answered (default)</option>
              {ticketStatuses.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : kind === "note" ? "Add note" : "Send reply"}
      </Button>
    </form>
  );
}
