import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReplyForm } from "@/components/tickets/reply-form";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Thread } from "@/components/tickets/thread";
import { Card } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getSettings } from "@/lib/settings";
import { listAssignableStaff, listPriorities } from "@/lib/staff";
import { getThread, getTicketForStaff } from "@/lib/tickets/queries";
import { staffReplyAction, updateTicketAction } from "./actions";
import { TicketPropertiesForm } from "./ticket-properties-form";

export const metadata: Metadata = { title: "Ticket" };

export default async function AgentTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  if (!id.success) notFound();
  const ticket = await getTicketForStaff(actor, id.data).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [thread, settings, departments, priorities, assignees] = await Promise.all([
    getThread(ticket.id, { includeNotes: true }),
    getSettings(),
    listDepartments(),
    listPriorities(),
    listAssignableStaff(ticket.departmentId),
  ]);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-5">
        <Link href="/agent" className="text-sm text-brand-700 hover:underline">
          ← Queue
        </Link>
        <div>
          <h1 className="text-xl font-semibold">
            <span className="text-slate-400">#{ticket.id}</span> {ticket.subject}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={ticket.status} />
            <span>
              {ticket.customerName} &lt;{ticket.customerEmail}&gt; · {ticket.departmentName} · opened {formatDateTime(ticket.createdAt)} via{" "}
              {ticket.source}
            </span>
          </p>
        </div>
        <Thread messages={thread} viewer="staff" attachmentHref={(fileId) => `/attachments/${fileId}`} />
        <Card className="p-5">
          <ReplyForm action={staffReplyAction.bind(null, ticket.id)} mode="staff" allowAttachments={settings.attachmentsEnabled} />
        </Card>
      </div>
      <aside className="space-y-4">
        <Card className="p-4">
          <h2 className="mb-3 text-sm font-semibold text-slate-700">Ticket</h2>
          <TicketPropertiesForm
            action={updateTicketAction.bind(null, ticket.id)}
            ticket={ticket}
            departments={departments}
            priorities={priorities}
            assignees={assignees.map((a) => ({ id: a.id, name: a.fullname }))}
          />
        </Card>
        <Card className="p-4 text-sm">
          <h2 className="mb-2 font-semibold text-slate-700">Customer</h2>
          <p>{ticket.customerName}</p>
          <p className="break-all text-slate-600">{ticket.customerEmail}</p>
        </Card>
      </aside>
    </div>
  );
}
