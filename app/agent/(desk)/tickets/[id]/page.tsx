import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FieldValues } from "@/components/custom-fields/field-values";
import { ReplyForm } from "@/components/tickets/reply-form";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Thread } from "@/components/tickets/thread";
import { Card } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { fillPlaceholders, listCannedResponses } from "@/lib/canned";
import { fieldKey, listFieldsForDepartment, listTicketFieldValues } from "@/lib/custom-fields";
import { formValueOf } from "@/lib/custom-fields/schema";
import { listDepartments } from "@/lib/departments";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { getSettings } from "@/lib/settings";
import { getStaffSignature, listAssignableStaff, listPriorities } from "@/lib/staff";
import { listParticipants } from "@/lib/tickets/participants";
import { getThreadTail, getTicketForStaff, getTicketHistory } from "@/lib/tickets/queries";
import { nextTicketId } from "@/lib/tickets/queue";
import {
  addParticipantAction,
  closeTicketAction,
  deleteNoteAction,
  editNoteAction,
  mergeTicketAction,
  regenerateLinkAction,
  removeParticipantAction,
  staffReplyAction,
  updateTicketAction,
  updateTicketFieldsAction,
} from "./actions";
import { TicketHistory } from "./history";
import {
  KeyboardShortcuts,
  MergePanel,
  NoteControls,
  ParticipantsPanel,
  PresenceIndicator,
  PublicLinkPanel,
} from "./ticket-panels";
import { TicketFieldsForm } from "./ticket-fields-form";
import { TicketPropertiesForm } from "./ticket-properties-form";

export const metadata: Metadata = { title: "Ticket" };

function Section({
  title,
  children,
  open = true,
}: {
  title: string;
  children: React.ReactNode;
  open?: boolean;
}) {
  return (
    <Card className="p-4">
      <details open={open}>
        <summary className="cursor-pointer text-sm font-semibold text-slate-700">{title}</summary>
        <div className="mt-3">{children}</div>
      </details>
    </Card>
  );
}

/** Messages shown after the opening one until the agent asks for the whole thread (?thread=all). */
const LATEST_MESSAGES = 50;
const pageQuery = z.object({ thread: z.enum(["all"]).optional().catch(undefined) });

export default async function AgentTicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const dateDisplay = await getDateDisplay();
  const actor = await requireStaff();
  const { thread: threadParam } = pageQuery.parse(await searchParams);
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const ticket = await getTicketForStaff(actor, id.data).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [
    { messages: thread, hidden },
    settings,
    departments,
    priorities,
    assignees,
    participants,
    history,
    canned,
    signature,
    nextId,
    fields,
    fieldValues,
  ] = await Promise.all([
    getThreadTail(ticket.id, {
      includeNotes: true,
      latest: threadParam === "all" ? Number.MAX_SAFE_INTEGER : LATEST_MESSAGES,
    }),
    getSettings(),
    listDepartments(),
    listPriorities(),
    listAssignableStaff(ticket.departmentId),
    listParticipants(ticket.id),
    getTicketHistory(ticket.id),
    listCannedResponses(actor),
    getStaffSignature(actor.id),
    nextTicketId(actor, ticket),
    listFieldsForDepartment(ticket.departmentId),
    listTicketFieldValues(ticket.id),
  ]);
  // The edit form's initial values: stored values of the current department's fields (values kept
  // from another department before a transfer are shown above it, read-only).
  const editValues = Object.fromEntries(
    fields.flatMap((f) => {
      const stored = fieldValues.find((v) => v.id === f.id);
      return stored ? [[fieldKey(f), formValueOf(f, stored.value)]] : [];
    }),
  );
  const placeholders = {
    "customer.name": ticket.customerName,
    "customer.email": ticket.customerEmail,
    "ticket.id": ticket.id,
    "ticket.subject": ticket.subject,
    "ticket.department": ticket.departmentName,
    "agent.name": actor.fullname,
  };
  const lastSeenMessageId = thread.filter((m) => !m.isNote).at(-1)?.id ?? 0;
  const renderThread = (messages: typeof thread) => (
    <Thread
      messages={messages}
      viewer="staff"
      attachmentHref={(fileId) => `/attachments/${fileId}`}
      noteControls={(message) =>
        actor.role === "admin" || message.staffId === actor.id ? (
          <NoteControls
            body={message.body}
            editAction={editNoteAction.bind(null, ticket.id, message.id)}
            deleteAction={deleteNoteAction.bind(null, ticket.id, message.id)}
          />
        ) : null
      }
    />
  );
  const nextHref = nextId ? `/agent/tickets/${nextId}` : null;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_19rem]">
      <div className="min-w-0 space-y-5">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <Link href="/agent" className="text-brand-700 hover:underline">
            ← Queue
          </Link>
          <div className="flex items-center gap-4">
            <KeyboardShortcuts nextHref={nextHref} closeAction={closeTicketAction.bind(null, ticket.id)} />
            {nextHref && (
              <Link href={nextHref} className="text-brand-700 hover:underline">
                Next ticket →
              </Link>
            )}
          </div>
        </div>
        <div className="space-y-2">
          <h1 className="text-xl font-semibold">
            <span className="text-slate-400">#{ticket.id}</span> {ticket.subject}
          </h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={ticket.status} />
            <span>
              {ticket.customerName} &lt;{ticket.customerEmail}&gt; · {ticket.departmentName} · opened{" "}
              {formatDateTime(ticket.createdAt, dateDisplay)} via {ticket.source}
            </span>
          </p>
          <PresenceIndicator ticketId={ticket.id} />
        </div>
        {hidden > 0 && (
          <>
            {renderThread(thread.slice(0, 1))}
            <p className="text-center text-sm">
              <Link
                href={`/agent/tickets/${ticket.id}?thread=all#message-${thread[1]?.id ?? ""}`}
                className="text-brand-700 hover:underline"
              >
                Show {hidden} earlier {hidden === 1 ? "message" : "messages"}
              </Link>
            </p>
          </>
        )}
        {renderThread(hidden > 0 ? thread.slice(1) : thread)}
        <Card className="p-5">
          <ReplyForm
            action={staffReplyAction.bind(null, ticket.id)}
            mode="staff"
            allowAttachments={settings.attachmentsEnabled}
            canned={canned.map((c) => ({
              id: c.id,
              title: c.title,
              body: fillPlaceholders(c.body, placeholders),
            }))}
            hasSignature={Boolean(signature)}
            lastSeenMessageId={lastSeenMessageId}
          />
        </Card>
      </div>
      <aside className="space-y-4">
        <Section title="Ticket">
          <TicketPropertiesForm
            action={updateTicketAction.bind(null, ticket.id)}
            ticket={ticket}
            departments={departments}
            priorities={priorities}
            assignees={assignees.map((a) => ({ id: a.id, name: a.fullname }))}
          />
        </Section>
        {(fields.length > 0 || fieldValues.length > 0) && (
          <Section title="Fields">
            <div className="space-y-4">
              <FieldValues values={fieldValues} empty="No field filled in yet." />
              {fields.length > 0 && (
                <details className="border-t border-slate-100 pt-3">
                  <summary className="cursor-pointer text-sm text-brand-700 hover:underline">
                    Edit fields
                  </summary>
                  <div className="mt-3">
                    <TicketFieldsForm
                      action={updateTicketFieldsAction.bind(null, ticket.id)}
                      fields={fields}
                      values={editValues}
                    />
                  </div>
                </details>
              )}
            </div>
          </Section>
        )}
        <Section title="Customer">
          <p className="text-sm">{ticket.customerName}</p>
          <p className="text-sm break-all text-slate-600">{ticket.customerEmail}</p>
          <Link
            href={`/agent/customers/${ticket.userId}`}
            className="mt-2 inline-block text-sm text-brand-700 hover:underline"
          >
            Customer&apos;s tickets →
          </Link>
        </Section>
        <Section title={`CC (${participants.length})`}>
          <ParticipantsPanel
            participants={participants.map((p) => p.email)}
            addAction={addParticipantAction.bind(null, ticket.id)}
            removeAction={removeParticipantAction.bind(null, ticket.id)}
          />
        </Section>
        <Section title="Ticket link" open={false}>
          <PublicLinkPanel
            link={`${env.APP_URL}/t/${ticket.publicToken}`}
            regenerateAction={regenerateLinkAction.bind(null, ticket.id)}
          />
        </Section>
        <Section title="Merge" open={false}>
          <MergePanel action={mergeTicketAction.bind(null, ticket.id)} />
        </Section>
        <Section title="History" open={false}>
          <TicketHistory entries={history} />
        </Section>
      </aside>
    </div>
  );
}
