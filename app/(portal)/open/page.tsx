import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { getUser } from "@/lib/auth/session";
import { listFieldsByDepartment } from "@/lib/custom-fields";
import { listPortalDepartments } from "@/lib/departments";
import { getSettings } from "@/lib/settings";
import { OpenTicketForm } from "./open-ticket-form";

export const metadata: Metadata = { title: "Open a ticket" };

export default async function OpenTicketPage() {
  const [settings, user] = await Promise.all([getSettings(), getUser()]);
  const departments = await listPortalDepartments(user ? "private" : "public");
  const fieldsByDepartment = await listFieldsByDepartment(departments.map((d) => d.id));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Open a ticket" description="We answer by email; you can also follow the ticket from the link we send." />
      <Card className="p-6">
        {departments.length === 0 ? (
          <p className="text-slate-600">No department takes requests here at the moment. Please write to us by email.</p>
        ) : (
          <OpenTicketForm
            departments={departments}
            fieldsByDepartment={fieldsByDepartment}
            requester={user ? { fullname: user.fullname, email: user.email } : null}
            attachments={{
              enabled: settings.attachmentsEnabled,
              maxCount: settings.attachmentsMaxCount,
              maxSizeMb: settings.attachmentsMaxSizeMb,
              types: settings.attachmentsAllowedTypes.split(",").join(", "),
            }}
          />
        )}
      </Card>
    </div>
  );
}
