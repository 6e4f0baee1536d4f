import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listCannedResponsesOf, sharedCanned } from "@/lib/canned/manage";
import { OrderButtons } from "../order-buttons";
import { moveCannedAction } from "./actions";

export const metadata: Metadata = { title: "Canned responses" };

export default async function CannedPage() {
  await requireAdmin();
  const rows = await listCannedResponsesOf(sharedCanned);
  return (
    <div>
      <PageHeader title="Canned responses" description="Shared answers every agent can insert in a reply. Agents keep personal ones of their own (Profile → Canned responses)." actions={<ButtonLink href="/admin/canned/new">New canned response</ButtonLink>} />
      <Card>
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No shared canned responses yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rows.map((row, index) => (
              <li key={row.id} className="flex items-start justify-between gap-4 px-4 py-3">
                <div className="min-w-0">
                  <Link href={`/admin/canned/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.title}
                  </Link>
                  <p className="truncate text-sm text-slate-600">{row.body}</p>
                </div>
                <OrderButtons id={row.id} label={row.title} first={index === 0} last={index === rows.length - 1} action={moveCannedAction} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
