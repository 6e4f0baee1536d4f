import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui/card";
import { emailEvents } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { getTemplateForAdmin } from "@/lib/mail/template-admin";
import { TemplateForm } from "../template-form";

export const metadata: Metadata = { title: "Email template" };

export default async function TemplatePage({ params }: { params: Promise<{ event: string }> }) {
  await requireAdmin();
  const event = z.enum(emailEvents).safeParse((await params).event);
  if (!event.success) notFound();
  const template = await getTemplateForAdmin(event.data);
  return (
    <div>
      <PageHeader title={template.label} description={`Sent to: ${template.audience}`} />
      <Card className="p-6">
        <TemplateForm
          key={`${template.subject}|${template.body}`}
          event={template.event}
          mandatory={template.mandatory}
          placeholders={template.placeholders}
          initial={{ subject: template.subject, body: template.body, enabled: template.enabled }}
        />
      </Card>
    </div>
  );
}
