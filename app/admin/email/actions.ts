"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { retryAllFailedMail, retryInboundMail, retryOutboxMail } from "@/lib/mail/admin";
import { deleteEmailAddress, saveEmailAddress, sendTestEmail, testImapConnection } from "@/lib/mail/address-admin";
import { emailAddressFormSchema, idSchema, testEmailSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/email"];
const withoutPasswords = <T extends { smtpPassword: string; imapPassword: string }>(data: T) => ({
  ...data,
  smtpPassword: data.smtpPassword ? "(changed)" : undefined,
  imapPassword: data.imapPassword ? "(changed)" : undefined,
});

export async function createEmailAddressAction(input: unknown) {
  const result = await adminAction(
    emailAddressFormSchema,
    input,
    async (data, { audit }) => {
      const { id } = await saveEmailAddress(null, data);
      await audit("email_address.create", { type: "email_address", id }, withoutPasswords(data));
      return { message: "Email address created.", data: { id } };
    },
    paths,
  );
  if (result.ok) redirect(`/admin/email/${result.data!.id}`);
  return result;
}

export async function updateEmailAddressAction(id: unknown, input: unknown) {
  return adminAction(
    z.object({ id: idSchema, values: emailAddressFormSchema }),
    { id, values: input },
    async ({ id, values }, { audit }) => {
      await saveEmailAddress(id, values);
      await audit("email_address.update", { type: "email_address", id }, withoutPasswords(values));
      return { message: "Email address saved." };
    },
    paths,
  ).then((result) => (result.ok ? result : { ...result, fieldErrors: unprefix(result.fieldErrors) }));
}

function unprefix(fields?: Record<string, string>) {
  return fields && Object.fromEntries(Object.entries(fields).map(([key, message]) => [key.replace(/^values\./, ""), message]));
}

export async function deleteEmailAddressAction(id: unknown) {
  const result = await adminAction(
    idSchema,
    id,
    async (id, { audit }) => {
      await deleteEmailAddress(id);
      await audit("email_address.delete", { type: "email_address", id });
      return { message: "Email address deleted." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/email");
  return result;
}

export async function sendTestEmailAction(id: unknown, input: unknown) {
  return adminAction(z.object({ id: idSchema, to: testEmailSchema.shape.to }), { ...(input as object), id }, async ({ id, to }, { audit }) => {
    await sendTestEmail(id, to);
    await audit("email_address.test_smtp", { type: "email_address", id }, { to });
    return { message: `Test email sent to ${to}.` };
  });
}

export async function testImapConnectionAction(id: unknown) {
  return adminAction(idSchema, id, async (id, { audit }) => {
    const { messages } = await testImapConnection(id);
    await audit("email_address.test_imap", { type: "email_address", id });
    return { message: `Connected: the folder holds ${messages} ${messages === 1 ? "message" : "messages"}.` };
  });
}

export async function retryOutboxAction(id: unknown) {
  return adminAction(idSchema, id, async (id, { audit }) => {
    await retryOutboxMail(id);
    await audit("outbox.retry", { type: "outbox", id });
    return { message: "The mail will be sent again shortly." };
  }, ["/admin/email/outbox"]);
}

export async function retryAllFailedAction() {
  return adminAction(z.undefined(), undefined, async (_, { audit }) => {
    const count = await retryAllFailedMail();
    await audit("outbox.retry_all", null, { count });
    return { message: `${count} failed ${count === 1 ? "mail is" : "mails are"} queued again.` };
  }, ["/admin/email/outbox"]);
}

export async function retryInboundAction(id: unknown) {
  return adminAction(idSchema, id, async (id, { audit }) => {
    const result = await retryInboundMail(id);
    await audit("inbound.retry", { type: "inbound_mail", id }, { status: result.status });
    return { message: `Processed again: ${result.status}.` };
  }, ["/admin/email/outbox"]);
}
