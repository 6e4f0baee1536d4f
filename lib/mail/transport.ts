import nodemailer, { type Transporter } from "nodemailer";
import type { EmailAddress } from "@/db/schema";
import { decryptOptionalSecret } from "../crypto";

const cache = new Map<number, { version: string; transporter: Transporter }>();

/** The settings a transport is built from: `updated_at` has one-second precision, so two saves in the same second would keep a stale transport. */
function settingsVersion(address: EmailAddress) {
  return JSON.stringify([address.smtpHost, address.smtpPort, address.smtpSecurity, address.smtpUser, address.smtpPasswordEnc]);
}

/** nodemailer transport for an address's SMTP settings; certificates are checked (no opt-out for SMTP). */
export function smtpTransportFor(address: EmailAddress): Transporter {
  const version = settingsVersion(address);
  const cached = cache.get(address.id);
  if (cached?.version === version) return cached.transporter;
  cached?.transporter.close();
  if (!address.smtpHost) throw new Error(`No SMTP server is configured for ${address.email}`);
  const password = decryptOptionalSecret(address.smtpPasswordEnc);
  const transporter = nodemailer.createTransport({
    host: address.smtpHost,
    port: address.smtpPort ?? (address.smtpSecurity === "tls" ? 465 : 587),
    secure: address.smtpSecurity === "tls",
    requireTLS: address.smtpSecurity === "starttls",
    ignoreTLS: address.smtpSecurity === "none",
    auth: address.smtpUser ? { user: address.smtpUser, pass: password ?? "" } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  cache.set(address.id, { version, transporter });
  return transporter;
}

export function closeTransports() {
  for (const { transporter } of cache.values()) transporter.close();
  cache.clear();
}
