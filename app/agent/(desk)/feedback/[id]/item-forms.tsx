"use client";

import { useState, useTransition } from "react";
import { useActionForm } from "@/components/portal/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { feedbackStatuses, type FeedbackStatus } from "@/db/schema/feedback";
import { feedbackStatusLabels } from "@/lib/feedback/labels";
import {
  feedbackConvertSchema,
  feedbackLinkSchema,
  feedbackMergeSchema,
  feedbackStatusSchema,
  type FeedbackStatusInput,
  type FeedbackStatusValues,
} from "@/lib/validation/feedback";
import type { z } from "zod";
import {
  convertFeedbackAction,
  deleteFeedbackCommentAction,
  linkFeedbackTicketAction,
  mergeFeedbackAction,
  setFeedbackStatusAction,
  unlinkFeedbackTicketAction,
} from "../actions";

export function StatusForm({ itemId, status, note, recipients }: { itemId: number; status: FeedbackStatus; note: string; recipients: number }) {
  const { form, errors, result, pending, onSubmit } = useActionForm<FeedbackStatusInput, FeedbackStatusValues>(
    feedbackStatusSchema,
    { itemId, status, note },
    setFeedbackStatusAction,
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <input type="hidden" {...form.register("itemId")} />
      <Field id="fb-status" label="Status" error={errors.status?.message}>
        <Select id="fb-status" invalid={!!errors.status} {...form.register("status")}>
          {feedbackStatuses.map((s) => (
            <option key={s} value={s}>
              {feedbackStatusLabels[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="fb-note" label="Public note (optional)" error={errors.note?.message} hint="Shown on the portal beside the status and quoted in the email.">
        <Textarea id="fb-note" rows={3} invalid={!!errors.note} {...form.register("note")} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save status"}
        </Button>
        <span className="text-xs text-slate-500">
          A new status emails {recipients} {recipients === 1 ? "person" : "people"} (author and voters who did not opt out).
        </span>
      </div>
    </form>
  );
}

type MergeInput = z.input<typeof feedbackMergeSchema>;
type MergeValues = z.output<typeof feedbackMergeSchema>;

export function MergeForm({ itemId }: { itemId: number }) {
  const { form, errors, result, pending, onSubmit } = useActionForm<MergeInput, MergeValues>(feedbackMergeSchema, { itemId, intoId: "" }, mergeFeedbackAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {result && !result.ok && <Alert tone="error">{result.message}</Alert>}
      <input type="hidden" {...form.register("itemId")} />
      <Field id="fb-into" label="Merge this item into #" error={errors.intoId?.message} hint="The number of the item to keep. Votes and comments move there; this one redirects to it.">
        <Input id="fb-into" inputMode="numeric" placeholder="e.g. 12" invalid={!!errors.intoId} {...form.register("intoId")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Merging…" : "Merge"}
      </Button>
    </form>
  );
}

type ConvertInput = z.input<typeof feedbackConvertSchema>;
type ConvertValues = z.output<typeof feedbackConvertSchema>;
type LinkInput = z.input<typeof feedbackLinkSchema>;
type LinkValues = z.output<typeof feedbackLinkSchema>;

export function TicketForms({ itemId, departments, canConvert }: { itemId: number; departments: { id: number; name: string }[]; canConvert: boolean }) {
  const convert = useActionForm<ConvertInput, ConvertValues>(feedbackConvertSchema, { itemId, departmentId: departments[0]?.id ?? "" }, convertFeedbackAction);
  const link = useActionForm<LinkInput, LinkValues>(feedbackLinkSchema, { itemId, ticketId: "" }, linkFeedbackTicketAction);
  return (
    <div className="space-y-5">
      {canConvert && departments.length > 0 && (
        <form onSubmit={convert.onSubmit} noValidate className="space-y-3">
          {convert.result && <Alert tone={convert.result.ok ? "success" : "error"}>{convert.result.message}</Alert>}
          <input type="hidden" {...convert.form.register("itemId")} />
          <Field id="fb-department" label="Open a ticket for the author in" error={convert.errors.departmentId?.message}>
            <Select id="fb-department" {...convert.form.register("departmentId")}>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={convert.pending}>
            {convert.pending ? "Opening…" : "Turn into a ticket"}
          </Button>
        </form>
      )}
      <form onSubmit={link.onSubmit} noValidate className="space-y-3">
        {link.result && <Alert tone={link.result.ok ? "success" : "error"}>{link.result.message}</Alert>}
        <input type="hidden" {...link.form.register("itemId")} />
        <Field id="fb-ticket" label="Link to ticket #" error={link.errors.ticketId?.message}>
          <Input id="fb-ticket" inputMode="numeric" placeholder="e.g. 1042" invalid={!!link.errors.ticketId} {...link.form.register("ticketId")} />
        </Field>
        <Button type="submit" variant="secondary" disabled={link.pending}>
          {link.pending ? "Linking…" : "Link ticket"}
        </Button>
      </form>
    </div>
  );
}

/** A small button that runs an action on one record and shows its error in place. */
function InlineAction({ label, confirm, run, className }: { label: string; confirm?: string; run: () => Promise<{ ok: boolean; message?: string }>; className: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className={className}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          startTransition(async () => {
            const result = await run();
            setError(result.ok ? undefined : result.message);
          });
        }}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

export function UnlinkTicketButton({ itemId }: { itemId: number }) {
  return <InlineAction label="Unlink" run={() => unlinkFeedbackTicketAction(itemId)} className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50" />;
}

export function DeleteCommentButton({ commentId }: { commentId: number }) {
  return (
    <InlineAction
      label="Delete"
      confirm="Delete this comment?"
      run={() => deleteFeedbackCommentAction(commentId)}
      className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50"
    />
  );
}
