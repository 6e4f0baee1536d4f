import { asc, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { departments, emailAddresses, type EmailAddress } from "@/db/schema";
import { encryptSecret } from "../crypto";
import { AppError } from "../errors";
import { getSettings } from "../settings";
import { formatAddress } from "./addresses";
import { testMailboxConnection } from "./imap";
import { smtpTransportFor } from "./transport";

// Admin side of the help desk's email addresses: SMTP out, pipe or IMAP in. Passwords are encrypted at
// rest and never leave the server again; an empty password field keeps the stored one.

export type EmailAddressInput = {
  email: string;
  senderName: string;
  departmentId: number | null;
  isDefault: boolean;
  smtpHost: string;
  smtpPort: number | null;
  smtpSecurity: "none" | "starttls" | "tls";
  smtpUser: string;
  smtpPassword: string;
  incoming: "none" | "pipe" | "imap";
  imapHost: string;
  imapPort: number | null;
  imapSecurity: "none" | "starttls" | "tls";
  imapUser: string;
  imapPassword: string;
  imapFolder: string;
  imapAllowSelfSigned: boolean;
};

export async function listEmailAddressesForAdmin() {
  return db
    .select({
      id: emailAddresses.id,
      email: emailAddresses.email,
      senderName: emailAddresses.senderName,
      isDefault: emailAddresses.isDefault,
      smtpHost: emailAddresses.smtpHost,
      incoming: emailAddresses.incoming,
      department: departments.name,
    })
    .from(emailAddresses)
    .leftJoin(departments, eq(departments.id, emailAddresses.departmentId))
    .orderBy(asc(emailAddresses.email));
}

/** The form's view of an address: everything but the passwords, and whether each one is set. */
export async function getEmailAddressForAdmin(id: number) {
  const [row] = await db.select().from(emailAddresses).where(eq(emailAddresses.id, id));
  if (!row) return null;
  const { smtpPasswordEnc, imapPasswordEnc, ...rest } = row;
  return { ...rest, hasSmtpPassword: Boolean(smtpPasswordEnc), hasImapPassword: Boolean(imapPasswordEnc) };
}

const nullIfEmpty = (value: string) => value.trim() || null;

function columns(input: EmailAddressInput) {
  return {
    email: input.email.trim().toLowerCase(),
    senderName: input.senderName.trim(),
    departmentId: input.departmentId,
    isDefault: input.isDefault,
    smtpHost: nullIfEmpty(input.smtpHost),
    smtpPort: input.smtpPort,
    smtpSecurity: input.smtpSecurity,
    smtpUser: nullIfEmpty(input.smtpUser),
    incoming: input.incoming,
    imapHost: nullIfEmpty(input.imapHost),
    imapPort: input.imapPort,
    imapSecurity: input.imapSecurity,
    imapUser: nullIfEmpty(input.imapUser),
    imapFolder: input.imapFolder.trim() || "INBOX",
    imapAllowSelfSigned: input.imapAllowSelfSigned,
    // Only a typed password replaces the stored one.
    ...(input.smtpPassword ? { smtpPasswordEnc: encryptSecret(input.smtpPassword) } : {}),
    ...(input.imapPassword ? { imapPasswordEnc: encryptSecret(input.imapPassword) } : {}),
  };
}

/** Creates (id null) or updates an address; making it the default unsets the previous default. */
export async function saveEmailAddress(id: number | null, input: EmailAddressInput) {
  const values = columns(input);
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: emailAddresses.id }).from(emailAddresses).where(eq(emailAddresses.email, values.email));
    if (clash && clash.id !== id) {
      throw new AppError("conflict", "This address is already configured.", { email: "This address is already configured." });
    }
    let savedId = id;
    if (id === null) {
      const [row] = await tx.insert(emailAddresses).values(values).$returningId();
      savedId = row!.id;
    } else {
      const [result] = await tx.update(emailAddresses).set(values).where(eq(emailAddresses.id, id));
      if (result.affectedRows === 0) throw new AppError("not_found", "Email address not found.");
    }
    if (values.isDefault) await tx.update(emailAddresses).set({ isDefault: false }).where(ne(emailAddresses.id, savedId!));
    return { id: savedId! };
  });
}

export async function deleteEmailAddress(id: number) {
  const [result] = await db.delete(emailAddresses).where(eq(emailAddresses.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Email address not found.");
}

async function loadAddress(id: number): Promise<EmailAddress> {
  const [row] = await db.select().from(emailAddresses).where(eq(emailAddresses.id, id));
  if (!row) throw new AppError("not_found", "Email address not found.");
  return row;
}

/** Sends a test message right away through the address's SMTP server (not through the outbox). */
export async function sendTestEmail(id: number, to: string) {
  const address = await loadAddress(id);
  if (!address.smtpHost) throw new AppError("invalid", "Enter and save an SMTP server first.");
  const { helpdeskName } = await getSettings();
  try {
    const info = await smtpTransportFor(address).sendMail({
      from: formatAddress(address),
      to,
      subject: `Test email from ${helpdeskName}`,
      text: `This is a test email sent through ${address.smtpHost} for ${address.email}. If you can read it, outgoing mail works.`,
    });
    return { messageId: info.messageId as string };
  } catch (error) {
    throw new AppError("unavailable", `The SMTP server did not accept the mail: ${(error as Error).message}`);
  }
}

export async function testImapConnection(id: number) {
  const address = await loadAddress(id);
  if (address.incoming !== "imap") throw new AppError("invalid", "Choose IMAP for incoming mail and save first.");
  const result = await testMailboxConnection(address);
  if (!result.ok) throw new AppError("unavailable", `Could not connect: ${result.error}`);
  return result;
}
