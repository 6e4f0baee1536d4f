"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ArticleLinkPicker } from "@/components/kb/article-link-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import type { ActionResult } from "@/lib/actions";
import { ticketStatuses } from "@/lib/tickets/status";

type Canned = { id: number; title: string; body: string };

/**
 * Reply box for customers and staff. Staff also choose "reply" or "internal note", the status after
 * replying, canned responses and their signature, and are warned when someone replied meanwhile.
 * The server action validates again; its field messages appear under the fields.
 */
export function ReplyForm({
  action,
  mode,
  allowAttachments,
  canned = [],
  hasSignature = false,
  lastSeenMessageId,
}: {
  action: (form: FormData) => Promise<ActionResult>;
  mode: "customer" | "staff";
  allowAttachments: boolean;
  canned?: Canned[];
  hasSignature?: boolean;
  lastSeenMessageId?: number;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const [result, setResult] = useState<ActionResult>();
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [pending, startTransition] = useTransition();
  const needsConfirm = Boolean(result && !result.ok && result.fieldErrors?.confirm);

  const insertCanned = (id: string) => {
    const response = canned.find((c) => String(c.id) === id);
    const box = messageRef.current;
    if (!response || !box) return;
    const at = box.selectionStart ?? box.value.length;
    box.value = box.value.slice(0, at) + response.body + box.value.slice(box.selectionEnd ?? at);
    box.focus();
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!String(form.get("message") ?? "").trim()) {
      setResult({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: { message: "Write a message." } });
      return;
    }
    if (needsConfirm) form.set("confirmed", "1");
    startTransition(async () => {
      const outcome = await action(form);
      setResult(outcome);
      if (outcome.ok) {
        formRef.current?.reset();
        router.refresh();
      } else if (outcome.fieldErrors?.confirm) {
        router.refresh();
      }
    });
  };

  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label={mode === "staff" ? "Reply or note" : "Reply"}>
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      {result?.ok && result.message && <Alert tone="success">{result.message}</Alert>}
      {lastSeenMessageId !== undefined && <input type="hidden" name="lastSeenMessageId" value={lastSeenMessageId} />}
      {mode === "staff" && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">Message type</legend>
            {(["reply", "note"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-2">
                <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
                {value === "reply" ? "Reply to customer" : "Internal note"}
              </label>
            ))}
          </fieldset>
          {canned.length > 0 && (
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor="canned" className="text-slate-600">
                Canned response
              </label>
              <select
                id="canned"
                defaultValue=""
                onChange={(event) => {
                  insertCanned(event.target.value);
                  event.target.value = "";
                }}
                className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300"
              >
                <option value="">Insert…</option>
                {canned.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ArticleLinkPicker targetId="message" />
        </div>
      )}
      <Field id="message" label={kind === "note" ? "Internal note (staff only)" : "Your reply"} error={errors.message}>
        <Textarea
          ref={messageRef}
          id="message"
          name="message"
          rows={6}
          invalid={!!errors.message}
          className={kind === "note" ? "bg-amber-50" : ""}
        />
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
        {mode === "staff" && kind === "reply" && hasSignature && (
          <label className="inline-flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="signature" defaultChecked /> Add my signature
          </label>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : needsConfirm ? "Send anyway" : kind === "note" ? "Add note" : "Send reply"}
      </Button>
    </form>
  );
}
