import type { Metadata } from "next";
import Link from "next/link";
import { OrderButtons } from "@/app/admin/order-buttons";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listCannedResponsesOf, sharedCanned } from "@/lib/canned/manage";
import { movePersonalCannedAction } from "./actions";

export const metadata: Metadata = { title: "Canned responses" };

export default async function PersonalCannedPage() {
  const actor = await requireStaff();
  const [mine, shared] = await Promise.all([listCannedResponsesOf({ staffId: actor.id }), listCannedResponsesOf(sharedCanned)]);
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Canned responses"
        description="Your own answers, offered with the shared ones when you reply to a ticket. Only you see yours."
        actions={<ButtonLink href="/agent/canned/new">New canned response</ButtonLink>}
      />
      <Card>
        <h2 className="border-b border-slate-100 px-4 py-3 font-semibold">Yours</h2>
        {mine.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">You have no canned responses of your own yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Your canned responses">
            {mine.map((row, index) => (
              <li key={row.id} className="flex items-start justify-between gap-4 px-4 py-3">
                <div className="min-w-0">
                  <Link href={`/agent/canned/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.title}
                  </Link>
                  <p className="truncate text-sm text-slate-600">{row.body}</p>
                </div>
                <OrderButtons id={row.id} label={row.title} first={index === 0} last={index === mine.length - 1} action={movePersonalCannedAction} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="border-b border-slate-100 px-4 py-3 font-semibold">Shared</h2>
        {shared.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">No shared canned responses. Admins manage them.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Shared canned responses">
            {shared.map((row) => (
              <li key={row.id} className="px-4 py-3">
                <p className="font-medium">{row.title}</p>
                <p className="truncate text-sm text-slate-600">{row.body}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
