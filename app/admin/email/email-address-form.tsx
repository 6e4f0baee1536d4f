"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { emailAddressFormSchema, type EmailAddressFormInput, type EmailAddressFormValues } from "@/lib/validation/admin";
import { createEmailAddressAction, updateEmailAddressAction } from "./actions";

type Props = {
  departments: { id: number; name: string }[];
} & ({ mode: "create" } | { mode: "edit"; id: number; initial: EmailAddressFormInput; hasSmtpPassword: boolean; hasImapPassword: boolean });

const empty: EmailAddressFormInput = {
  email: "",
  senderName: "",
  departmentId: "",
  isDefault: false,
  smtpHost: "",
  smtpPort: "",
  smtpSecurity: "starttls",
  smtpUser: "",
  smtpPassword: "",
  incoming: "none",
  imapHost: "",
  imapPort: "",
  imapSecurity: "tls",
  imapUser: "",
  imapPassword: "",
  imapFolder: "INBOX",
  imapAllowSelfSigned: false,
};

export function EmailAddressForm(props: Props) {
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<EmailAddressFormInput, unknown, EmailAddressFormValues>({
    resolver: zodResolver(emailAddressFormSchema),
    defaultValues: props.mode === "edit" ? props.initial : empty,
  });
  const incoming = useWatch({ control, name: "incoming" });

  const onSubmit = (values: EmailAddressFormValues) => {
    setFormError(undefined);
    setSaved(undefined);
    startTransition(async () => {
      const result = props.mode === "create" ? await createEmailAddressAction(values) : await updateEmailAddressAction(props.id, values);
      if (!result.ok) {
        setFormError(result.message);
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof EmailAddressFormInput, { message });
        return;
      }
      // Passwords are never sent back: clear the fields once saved.
      setValue("smtpPassword", "");
      setValue("imapPassword", "");
      setSaved(result.message);
    });
  };

  const keepHint = (stored: boolean) => (stored ? "A password is stored. Leave empty to keep it." : "Not set.");
  const section = "grid gap-4 sm:grid-cols-2";

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-3xl space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && <Alert tone="success">{saved}</Alert>}
      <div className={section}>
        <Field id="email" label="Email address" error={errors.email?.message}>
          <Input id="email" type="email" invalid={!!errors.email} {...register("email")} />
        </Field>
        <Field id="senderName" label="Sender name" error={errors.senderName?.message}>
          <Input id="senderName" invalid={!!errors.senderName} {...register("senderName")} />
        </Field>
        <Field id="departmentId" label="Department" error={errors.departmentId?.message} hint="New mail to this address lands here.">
          <Select id="departmentId" {...register("departmentId")}>
            <option value="">None (use the default)</option>
            {props.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("isDefault")} />
          Default address
        </label>
      </div>

      <fieldset className="space-y-4 rounded-md p-4 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-semibold text-slate-900">Outgoing mail (SMTP)</legend>
        <div className={section}>
          <Field id="smtpHost" label="SMTP server" error={errors.smtpHost?.message}>
            <Input id="smtpHost" invalid={!!errors.smtpHost} {...register("smtpHost")} />
          </Field>
          <Field id="smtpPort" label="SMTP port" error={errors.smtpPort?.message} hint="Empty: 465 for TLS, 587 otherwise.">
            <Input id="smtpPort" inputMode="numeric" invalid={!!errors.smtpPort} {...register("smtpPort")} />
          </Field>
          <Field id="smtpSecurity" label="SMTP security">
            <Select id="smtpSecurity" {...register("smtpSecurity")}>
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
              <option value="none">None</option>
            </Select>
          </Field>
          <Field id="smtpUser" label="SMTP user" error={errors.smtpUser?.message}>
            <Input id="smtpUser" autoComplete="off" {...register("smtpUser")} />
          </Field>
          <Field id="smtpPassword" label="SMTP password" error={errors.smtpPassword?.message} hint={keepHint(props.mode === "edit" && props.hasSmtpPassword)}>
            <Input id="smtpPassword" type="password" autoComplete="new-password" {...register("smtpPassword")} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-md p-4 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-semibold text-slate-900">Incoming mail</legend>
        <Field id="incoming" label="Incoming mail" hint="From your mail server: it pipes each message to Helpdeck (dist/mail-pipe.mjs or scripts/mail-pipe.sh) or hands it over LMTP (LMTP_LISTEN); see the README. IMAP: Helpdeck fetches the mailbox.">
          <Select id="incoming" className="max-w-xs" {...register("incoming")}>
            <option value="none">None</option>
            <option value="pipe">From your mail server (pipe or LMTP)</option>
            <option value="imap">IMAP</option>
          </Select>
        </Field>
        {incoming === "imap" && (
          <div className={section}>
            <Field id="imapHost" label="IMAP server" error={errors.imapHost?.message}>
              <Input id="imapHost" invalid={!!errors.imapHost} {...register("imapHost")} />
            </Field>
            <Field id="imapPort" label="IMAP port" error={errors.imapPort?.message} hint="Empty: 993 for TLS, 143 otherwise.">
              <Input id="imapPort" inputMode="numeric" invalid={!!errors.imapPort} {...register("imapPort")} />
            </Field>
            <Field id="imapSecurity" label="IMAP security">
              <Select id="imapSecurity" {...register("imapSecurity")}>
                <option value="tls">TLS</option>
                <option value="starttls">STARTTLS</option>
                <option value="none">None</option>
              </Select>
            </Field>
            <Field id="imapUser" label="IMAP user" error={errors.imapUser?.message}>
              <Input id="imapUser" autoComplete="off" invalid={!!errors.imapUser} {...register("imapUser")} />
            </Field>
            <Field id="imapPassword" label="IMAP password" hint={keepHint(props.mode === "edit" && props.hasImapPassword)}>
              <Input id="imapPassword" type="password" autoComplete="new-password" {...register("imapPassword")} />
            </Field>
            <Field id="imapFolder" label="Folder" error={errors.imapFolder?.message}>
              <Input id="imapFolder" {...register("imapFolder")} />
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register("imapAllowSelfSigned")} />
              Allow a self-signed certificate
            </label>
          </div>
        )}
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create address" : "Save"}
        </Button>
        <Link href="/admin/email" className={buttonClass("secondary")}>
          Back
        </Link>
      </div>
    </form>
  );
}
