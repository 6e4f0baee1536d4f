import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { hasAnyStaff } from "@/lib/staff/manage";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Only a help desk without staff can be set up; afterwards this page does not exist.
  if (await hasAnyStaff()) notFound();
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <Card className="p-8">
        <h1 className="text-2xl font-semibold">Welcome to Helpdeck</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Create the first admin account. You can add agents and departments afterwards.</p>
        <SetupForm />
      </Card>
    </main>
  );
}
