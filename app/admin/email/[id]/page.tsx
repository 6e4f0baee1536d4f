import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listDepartments } from "@/lib/departments";
import { getEmailAddressForAdmin } from "@/lib/mail/address-admin";
import { idSchema } from "@/lib/validation/admin";
import { AddressTools } from "../address-tools";
import { EmailAddressForm } from "../email-address-form";

export const metadata: Metadata = { title: "Email address" };

export default async function EmailAddressPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [address, departments] = await Promise.all([getEmailAddressForAdmin(id.data), listDepartments()]);
  if (!address) notFound();
  const text = (value: string | null) => value ?? "";
  return (
    <div className="space-y-6">
      <PageHeader title={address.email} description={address.senderName} />
      <Card className="p-6">
        <EmailAddressForm
          mode="edit"
          id={address.id}
          departments={departments}
          hasSmtpPassword={address.hasSmtpPassword}
          hasImapPassword={address.hasImapPassword}
          initial={{
            email: address.email,
            senderName: address.senderName,
            departmentId: address.departmentId ? String(address.departmentId) : "",
            isDefault: address.isDefault,
            smtpHost: text(address.smtpHost),
            smtpPort: address.smtpPort ? String(address.smtpPort) : "",
            smtpSecurity: address.smtpSecurity,
            smtpUser: text(address.smtpUser),
            smtpPassword: "",
            incoming: address.incoming,
            imapHost: text(address.imapHost),
            imapPort: address.imapPort ? String(address.imapPort) : "",
            imapSecurity: address.imapSecurity,
            imapUser: text(address.imapUser),
            imapPassword: "",
            imapFolder: address.imapFolder,
            imapAllowSelfSigned: address.imapAllowSelfSigned,
          }}
        />
      </Card>
      <Card className="p-6">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Check the settings</h2>
        <AddressTools id={address.id} imap={address.incoming === "imap"} />
      </Card>
    </div>
  );
}
