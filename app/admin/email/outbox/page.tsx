import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getDateDisplay } from "@/lib/date-display";
import { countOutboxByStatus, listInboundMail, listOutbox } from "@/lib/mail/admin";
import { withParams } from "@/lib/url";
import { RetryAllFailed, RetryInbound, RetryOutbox } from "./retry-controls";

export const metadata: Metadata = { title: "Outbox & inbound mail" };

const querySchema = z.object({
  out: z.enum(["pending", "sent", "failed"]).optional().catch(undefined),
  in: z.enum(["stored", "ignored", "failed"]).optional().catch(undefined),
  outBefore: z.coerce.number().int().positive().optional().catch(undefined),
  inBefore: z.coerce.number().int().positive().optional().catch(undefined),
});

const PAGE = 50;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const dateDisplay = await getDateDisplay();
  await requireAdmin();
  const query = querySchema.parse(await searchParams);
  const [counts, mails, inbound] = await Promise.all([
    countOutboxByStatus(),
    listOutbox({ status: query.out, beforeId: query.outBefore, limit: PAGE }),
    listInboundMail({ status: query.in ?? "failed", beforeId: query.inBefore, limit: PAGE }),
  ]);
  const params = { out: query.out, in: query.in };
  const tab = (active: boolean) => `rounded-md px-3 py-1.5 text-sm ${active ? "bg-slate-900 text-white" : "bg-white ring-1 ring-slate-300 hover:bg-slate-50"}`;
  const th = "px-4 py-2 font-medium";
  return (
    <div className="space-y-8">
      <PageHeader title="Outbox & inbound mail" description="Mail waiting to go out, what went out, what failed, and incoming mail that could not be stored." />
      <section className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-2 text-lg font-semibold">Outbox</h2>
          <Link className={tab(!query.out)} href={withParams("/admin/email/outbox", params, { out: undefined, outBefore: undefined })}>
            All
          </Link>
          {(["pending", "sent", "failed"] as const).map((status) => (
            <Link key={status} className={tab(query.out === status)} href={withParams("/admin/email/outbox", params, { out: status, outBefore: undefined })}>
              <span className="capitalize">{status}</span> ({counts[status] ?? 0})
            </Link>
          ))}
          {(counts.failed ?? 0) > 0 && <RetryAllFailed />}
        </div>
        <Card className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Created</th>
                <th scope="col" className={th}>To</th>
                <th scope="col" className={th}>Subject</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Last error</th>
                <th scope="col" className={th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(mail.createdAt, dateDisplay)}</td>
                  <td className="px-4 py-2">{mail.toAddress}</td>
                  <td className="px-4 py-2">{mail.subject}</td>
                  <td className="px-4 py-2 capitalize">
                    {mail.status}
                    {mail.attempts > 0 && <span className="text-xs text-slate-500"> · {mail.attempts} tries</span>}
                  </td>
                  <td className="max-w-xs truncate px-4 py-2 text-xs text-red-700" title={mail.lastError ?? undefined}>{mail.lastError}</td>
                  <td className="px-4 py-2">{(mail.status === "failed" || mail.status === "pending") && <RetryOutbox id={mail.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {mails.length === 0 && <p className="p-6 text-sm text-slate-600">Nothing here.</p>}
        </Card>
        {mails.length === PAGE && (
          <Link className="text-sm text-brand-700 underline" href={withParams("/admin/email/outbox", params, { outBefore: mails.at(-1)!.id })}>
            Older mail
          </Link>
        )}
      </section>

      <section className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-2 text-lg font-semibold">Inbound mail</h2>
          {(["failed", "ignored", "stored"] as const).map((status) => (
            <Link key={status} className={tab((query.in ?? "failed") === status)} href={withParams("/admin/email/outbox", params, { in: status, inBefore: undefined })}>
              {status === "failed" ? "Dead letters" : status === "ignored" ? "Held back" : "Stored"}
            </Link>
          ))}
        </div>
        <Card className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Received</th>
                <th scope="col" className={th}>From</th>
                <th scope="col" className={th}>Subject</th>
                <th scope="col" className={th}>Reason</th>
                <th scope="col" className={th}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {inbound.map((mail) => (
                <tr key={mail.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(mail.createdAt, dateDisplay)}</td>
                  <td className="px-4 py-2">{mail.fromAddress}</td>
                  <td className="px-4 py-2">
                    {mail.subject}
                    {mail.ticketId && (
                      <Link href={`/agent/tickets/${mail.ticketId}`} className="ml-2 text-xs text-brand-700 underline">
                        #{mail.ticketId}
                      </Link>
                    )}
                  </td>
                  <td className="max-w-xs px-4 py-2 text-xs text-slate-600">{mail.reason}</td>
                  <td className="px-4 py-2">{mail.status !== "stored" && mail.hasRaw && <RetryInbound id={mail.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {inbound.length === 0 && <p className="p-6 text-sm text-slate-600">Nothing here.</p>}
        </Card>
        {inbound.length === PAGE && (
          <Link className="text-sm text-brand-700 underline" href={withParams("/admin/email/outbox", params, { inBefore: inbound.at(-1)!.id })}>
            Older mail
          </Link>
        )}
      </section>
    </div>
  );
}
