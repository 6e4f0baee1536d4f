import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FieldValues } from "@/components/custom-fields/field-values";
import { ReplyForm } from "@/components/tickets/reply-form";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Thread } from "@/components/tickets/thread";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { requestIp } from "@/lib/request";
import { listTicketFieldValues } from "@/lib/custom-fields";
import { getSettings } from "@/lib/settings";
import { recordLinkView } from "@/lib/tickets/public-link";
import { getThread, getTicketByPublicToken } from "@/lib/tickets/queries";
import { TicketStatus } from "@/lib/tickets/status";
import {
  confirmLinkEmailAction,
  forgetLinkEmailAction,
  publicCloseAction,
  publicReplyAction,
} from "./actions";
import { ConfirmEmailForm } from "./confirm-email-form";
import { readLinkEmail } from "./link-cookie";

// The link is a secret: no search engine, and no Referer header carrying it to another site.
export const metadata: Metadata = {
  title: "Your ticket",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function PublicTicketPage({ params }: { params: Promise<{ token: string }> }) {
  const dateDisplay = await getDateDisplay();
  const { token } = await params;
  const ticket = await getTicketByPublicToken(token);
  if (!ticket) notFound();
  const [thread, settings, ip, email, fieldValues] = await Promise.all([
    getThread(ticket.id, { includeNotes: false }),
    getSettings(),
    requestIp(),
    readLinkEmail(ticket.id, token),
    listTicketFieldValues(ticket.id),
  ]);
  await recordLinkView(ticket.id, ip, email);
  const closed = ticket.status === TicketStatus.Closed;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">
            <span className="text-slate-500">#{ticket.id}</span> {ticket.subject}
          </h1>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700 sm:flex sm:flex-wrap sm:gap-x-6">
            <div className="contents sm:flex sm:gap-2">
              <dt className="text-slate-500">Status</dt>
              <dd>
                <StatusBadge status={ticket.status} />
              </dd>
            </div>
            <div className="contents sm:flex sm:gap-2">
              <dt className="text-slate-500">Department</dt>
              <dd>{ticket.departmentName}</dd>
            </div>
            <div className="contents sm:flex sm:gap-2">
              <dt className="text-slate-500">Opened</dt>
              <dd>{formatDateTime(ticket.createdAt, dateDisplay)}</dd>
            </div>
            <div className="contents sm:flex sm:gap-2">
              <dt className="text-slate-500">Last update</dt>
              <dd>{formatDateTime(ticket.lastUpdateAt, dateDisplay)}</dd>
            </div>
          </dl>
        </div>
        {email && !closed && (
          <form action={publicCloseAction.bind(null, token)}>
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
      <Thread
        messages={thread}
        viewer="customer"
        attachmentHref={(fileId) => `/t/${token}/attachments/${fileId}`}
      />
      <Card className="p-5">
        {email ? (
          <>
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">{closed ? "Reply to reopen this ticket" : "Reply"}</h2>
              <form action={forgetLinkEmailAction.bind(null, token)} className="text-sm text-slate-600">
                Replying as <strong className="font-medium text-slate-800">{email}</strong> ·{" "}
                <button type="submit" className="text-brand-700 underline hover:text-brand-800">
                  Not you?
                </button>
              </form>
            </div>
            <ReplyForm
              action={publicReplyAction.bind(null, token)}
              mode="customer"
              allowAttachments={settings.attachmentsEnabled}
            />
          </>
        ) : (
          <>
            <h2 className="text-lg font-semibold">
              {closed ? "Reply to reopen this ticket" : "Reply or close this ticket"}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-600">
              Enter the email address this ticket belongs to (the one our emails about it were sent to). This
              browser remembers it for this ticket.
            </p>
            <ConfirmEmailForm action={confirmLinkEmailAction.bind(null, token)} />
          </>
        )}
      </Card>
    </div>
  );
}
