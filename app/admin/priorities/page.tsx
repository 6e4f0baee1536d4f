import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listPriorities } from "@/lib/staff";
import { OrderButtons } from "../order-buttons";
import { movePriorityAction } from "./actions";

export const metadata: Metadata = { title: "Priorities" };

export default async function PrioritiesPage() {
  await requireAdmin();
  const rows = await listPriorities();
  return (
    <div>
      <PageHeader title="Priorities" description="The priorities agents can give a ticket, in this order." actions={<ButtonLink href="/admin/priorities/new">New priority</ButtonLink>} />
      <Card>
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No priorities yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rows.map((row, index) => (
              <li key={row.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <Link href={`/admin/priorities/${row.id}`} className="flex items-center gap-2 font-medium text-brand-700 hover:underline">
                  <span className="inline-block size-3 rounded-full" style={{ backgroundColor: row.color }} aria-hidden="true" />
                  {row.name}
                </Link>
                <OrderButtons id={row.id} label={row.name} first={index === 0} last={index === rows.length - 1} action={movePriorityAction} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
