import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getHelpdeskCounts } from "@/lib/stats";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  await requireAdmin();
  const counts = await getHelpdeskCounts();
  const figures = [
    { label: "Tickets", value: counts.tickets },
    { label: "Customers", value: counts.customers },
    { label: "Staff", value: counts.staff },
    { label: "Departments", value: counts.departments },
  ];
  return (
    <div>
      <PageHeader title="Admin" description="Configure the help desk." />
      <div className="grid gap-4 sm:grid-cols-4">
        {figures.map((f) => (
          <Card key={f.label} className="p-5">
            <p className="text-sm text-slate-600">{f.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{f.value}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}
