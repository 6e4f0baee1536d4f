// Email addresses, with their SMTP/IMAP passwords, which HelpDeskZ keeps in clear and Helpdeck encrypts.
import { z } from "zod";
import type { emailAddresses } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import type { EntityReport } from "../report";
import type { EmailRow } from "../schema";
import { fromUnix } from "../php";
import { clip, type MapContext } from "./context";

const port = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
};

export function mapEmailAddress(
  row: EmailRow,
  ctx: MapContext,
  report: EntityReport,
): typeof emailAddresses.$inferInsert | null {
  const address = row.email.trim().toLowerCase();
  if (!z.email().safeParse(address).success) {
    report.skip("email address is not valid", row.id);
    return null;
  }
  const value: typeof emailAddresses.$inferInsert = {
    id: row.id,
    email: clip(address, 254),
    senderName: clip(row.name?.trim() || address, 200),
    departmentId: ctx.departmentIds.has(row.department_id) ? row.department_id : null,
    isDefault: row.default === 1,
    incoming: "none",
    createdAt: fromUnix(row.created) ?? new Date(),
  };
  if (row.outgoing_type === "smtp" && row.smtp_host?.trim()) {
    const encryption = (row.smtp_encryption ?? "").toLowerCase();
    Object.assign(value, {
      smtpHost: clip(row.smtp_host.trim(), 255),
      smtpPort: port(row.smtp_port),
      // HelpDeskZ (CodeIgniter): "ssl" is TLS from the first byte, "tls" is STARTTLS.
      smtpSecurity: encryption === "ssl" ? "tls" : encryption === "tls" ? "starttls" : "none",
      smtpUser: row.smtp_username?.trim() || null,
      smtpPasswordEnc: row.smtp_password ? encryptSecret(row.smtp_password) : null,
    } satisfies Partial<typeof value>);
  } else {
    report.adjust("sent with PHP mail(): no SMTP server here until one is entered (Admin → Email)", row.id);
  }
  const incoming = (row.incoming_type ?? "").toLowerCase();
  if (incoming === "pipe") value.incoming = "pipe";
  else if (incoming === "imap" && row.imap_host?.trim()) {
    const imapPort = port(row.imap_port);
    Object.assign(value, {
      incoming: "imap",
      imapHost: clip(row.imap_host.trim(), 255),
      imapPort,
      // HelpDeskZ has no IMAP encryption setting; its fetcher uses SSL on 993.
      imapSecurity: imapPort === 143 ? "starttls" : "tls",
      imapUser: row.imap_username?.trim() || null,
      imapPasswordEnc: row.imap_password ? encryptSecret(row.imap_password) : null,
    } satisfies Partial<typeof value>);
  } else if (incoming === "pop") {
    report.adjust("POP3 fetching does not exist here: incoming mail off (use IMAP or the pipe)", row.id);
  }
  return value;
}
