"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions";

/** Runs a server action and keeps its result for display; refreshes the page after success. */
function useAction() {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult>();
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<ActionResult>, onOk?: () => void) =>
    startTransition(async () => {
      const outcome = await work();
      setResult(outcome);
      if (outcome?.ok) {
        onOk?.();
        router.refresh();
      }
    });
  return { result, pending, run };
}

function Result({ result }: { result?: ActionResult }) {
  if (!result) return null;
  return <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>;
}

export function ParticipantsPanel({
  participants,
  addAction,
  removeAction,
}: {
  participants: string[];
  addAction: (form: FormData) => Promise<ActionResult>;
  removeAction: (email: string) => Promise<ActionResult>;
}) {
  const { result, pending, run } = useAction();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-3">
      {participants.length === 0 ? (
        <p className="text-sm text-slate-500">Nobody is copied on this ticket.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {participants.map((email) => (
            <li key={email} className="flex items-center justify-between gap-2">
              <span className="break-all">{email}</span>
              <button type="button" className="text-xs text-red-700 hover:underline" disabled={pending} onClick={() => run(() => removeAction(email))} aria-label={`Remove ${email}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          run(() => addAction(data), () => form.reset());
        }}
      >
        <Field id="cc-email" label="Add CC" error={errors.email}>
          <Input id="cc-email" name="email" type="email" placeholder="name@example.com" invalid={!!errors.email} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending} className="w-full">
          Add
        </Button>
      </form>
      {result && !errors.email && <Result result={result} />}
    </div>
  );
}

export function MergePanel({ action }: { action: (form: FormData) => Promise<ActionResult> }) {
  const { result, pending, run } = useAction();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        if (!window.confirm(`Merge this ticket into #${String(data.get("targetId")).replace(/^#/, "")}? Its messages move there and this ticket closes.`)) return;
        run(() => action(data));
      }}
    >
      <Field id="merge-target" label="Merge into ticket #" error={errors.targetId}>
        <Input id="merge-target" name="targetId" inputMode="numeric" placeholder="e.g. 1042" invalid={!!errors.targetId} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="w-full">
        Merge
      </Button>
      {result && !result.ok && !errors.targetId && <Result result={result} />}
    </form>
  );
}

export function PublicLinkPanel({ link, regenerateAction }: { link: string; regenerateAction: () => Promise<ActionResult> }) {
  const { result, pending, run } = useAction();
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 text-sm">
      <label htmlFor="public-link" className="block text-slate-600">
        The customer&apos;s link to this ticket
      </label>
      <Input id="public-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} className="text-xs" />
      <div className="flex gap-2">
        <Button
          type="button"
          variant="secondary"
          className="flex-1"
          onClick={async () => {
            await navigator.clipboard?.writeText(link);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="flex-1"
          disabled={pending}
          onClick={() => {
            if (window.confirm("Make a new link? The current link stops working at once.")) run(regenerateAction);
          }}
        >
          New link
        </Button>
      </div>
      <Result result={result} />
    </div>
  );
}

/** Edit and delete buttons on an internal note (shown to its author and to admins). */
export function NoteControls({
  body,
  editAction,
  deleteAction,
}: {
  body: string;
  editAction: (form: FormData) => Promise<ActionResult>;
  deleteAction: () => Promise<ActionResult>;
}) {
  const { result, pending, run } = useAction();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <form
        className="mt-3 space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          run(() => editAction(data), () => setEditing(false));
        }}
      >
        <label htmlFor="note-edit" className="sr-only">
          Note
        </label>
        <Textarea id="note-edit" name="message" defaultValue={body} rows={4} className="bg-white" />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            Save note
          </Button>
          <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </div>
        {result && !result.ok && <Result result={result} />}
      </form>
    );
  }
  return (
    <div className="mt-2 flex gap-3 text-xs">
      <button type="button" className="text-amber-900 hover:underline" onClick={() => setEditing(true)}>
        Edit
      </button>
      <button
        type="button"
        className="text-red-700 hover:underline"
        disabled={pending}
        onClick={() => {
          if (window.confirm("Delete this note?")) run(deleteAction);
        }}
      >
        Delete
      </button>
    </div>
  );
}

/** Polls a heartbeat so agents see who else has the ticket open. */
export function PresenceIndicator({ ticketId }: { ticketId: number }) {
  const [viewers, setViewers] = useState<string[]>([]);
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const response = await fetch(`/agent/tickets/${ticketId}/presence`, { method: "POST" });
        if (response.ok && !stopped) setViewers(((await response.json()) as { viewers: string[] }).viewers);
      } catch {
        // offline for a moment: the next beat tries again
      }
    };
    void beat();
    const timer = setInterval(beat, 15_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ticketId]);
  if (viewers.length === 0) return null;
  return (
    <p role="status" className="rounded-md bg-amber-100 px-3 py-1.5 text-sm text-amber-900">
      Also viewing: {viewers.join(", ")}
    </p>
  );
}

/** r reply, n note, c close, j next ticket, ? help — ignored while typing in a field. */
export function KeyboardShortcuts({ nextHref, closeAction }: { nextHref: string | null; closeAction: () => Promise<ActionResult> }) {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) return;
      const focusMessage = (kind: "reply" | "note") => {
        document.querySelector<HTMLInputElement>(`input[name="kind"][value="${kind}"]`)?.click();
        document.querySelector<HTMLTextAreaElement>("textarea#message")?.focus();
      };
      if (event.key === "r") focusMessage("reply");
      else if (event.key === "n") focusMessage("note");
      else if (event.key === "c") void closeAction().then(() => router.refresh());
      else if (event.key === "j" && nextHref) router.push(nextHref);
      else if (event.key === "?") setHelp((shown) => !shown);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closeAction, nextHref, router]);
  return (
    <div className="text-xs text-slate-500">
      <button type="button" onClick={() => setHelp((shown) => !shown)} className="hover:underline" aria-expanded={help}>
        Keyboard shortcuts (?)
      </button>
      {help && (
        <ul className="mt-1 space-y-0.5" aria-label="Keyboard shortcuts">
          <li>
            <kbd>r</kbd> reply · <kbd>n</kbd> note · <kbd>c</kbd> close · <kbd>j</kbd> next ticket · <kbd>?</kbd> this help
          </li>
        </ul>
      )}
    </div>
  );
}
