import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FieldValues } from "@/components/custom-fields/field-values";
import { ReplyForm } from "@/components/tickets/reply-form";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Thread } from "@/components/tickets/thread";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { listTicketFieldValues } from "@/lib/custom-fields";
import { getSettings } from "@/lib/settings";
import { getThread, getTicketForCustomer } from "@/lib/tickets/queries";
import { TicketStatus } from "@/lib/tickets/status";
import { closeTicketAction, customerReplyAction } from "./actions";

export const metadata: Metadata = { title: "Ticket" };

async function loadTicket(id: number) {
  const user = await requireUser();
  try {
    return await getTicketForCustomer(user, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function CustomerTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const dateDisplay = await getDateDisplay();
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  if (!id.success) notFound();
  const ticket = await loadTicket(id.data);
  const [thread, settings, fieldValues] = await Promise.all([
    getThread(ticket.id, { includeNotes: false }),
    getSettings(),
    listTicketFieldValues(ticket.id),
  ]);
  const closed = ticket.status === TicketStatus.Closed;
  return (
    <div className="space-y-6">
      <Link href="/account/tickets" className="text-sm text-brand-700 hover:underline">
        ← My tickets
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            <span className="text-slate-400">#{ticket.id}</span> {ticket.subject}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={ticket.status} /> {ticket.departmentName} · opened {formatDateTime(ticket.createdAt, dateDisplay)}
          </p>
        </div>
        {!closed && (
          <form action={closeTicketAction.bind(null, ticket.id)}>
            <button type="submit" className={buttonClass("secondary")}>
              Close ticket
            </button>
          </form>
        )}
      </div>
      {fieldValues.length > 0 && (
        <Card className="p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-700">Ticket details</h2>
          <FieldValues values={fieldValues} />
        </Card>
      )}
      <Thread messages={thread} viewer="customer" attachmentHref={(fileId) => `/attachments/${fileId}`} />
      <Card className="p-5">
        <h2 className="mb-3 text-lg font-semibold">{closed ? "Reply to reopen this ticket" : "Reply"}</h2>
        <ReplyForm action={customerReplyAction.bind(null, ticket.id)} mode="customer" allowAttachments={settings.attachmentsEnabled} />
      </Card>
    </div>
  );
}
