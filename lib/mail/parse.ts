import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { sha256 } from "../tokens";

/** What ingest needs from a raw message, whatever its charset or MIME shape. */
export type InboundMessage = {
  messageId: string;
  /** The message had no usable Message-ID; `messageId` was derived from its bytes. */
  syntheticMessageId: boolean;
  from: { address: string; name: string } | null;
  recipients: string[];
  /** To and Cc only (Delivered-To and friends name mailboxes, not people to copy). */
  visibleRecipients: string[];
  subject: string;
  /** Message-IDs this message answers, most relevant first (In-Reply-To, then References newest first). */
  threadRefs: string[];
  text: string;
  html: string | null;
  attachments: { filename: string | null; contentType: string; content: Buffer; contentId: string | null }[];
  automatic: { isAutomatic: boolean; reason: string | null };
};

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$|^[^\s@<>(),;:"]+@localhost$/i;
export const isEmailAddress = (value: string) => value.length <= 254 && EMAIL.test(value);

const MAX_ID_LENGTH = 250;

function normalizeMessageId(value: string | undefined | null): string | null {
  const match =
    value?.match(/<[^<>\s]+>/) ?? (value?.trim() && !/\s/.test(value.trim()) ? [`<${value.trim()}>`] : null);
  if (!match) return null;
  const id = match[0];
  // Longer than our columns: a stable stand-in keeps dedupe and threading working.
  return id.length > MAX_ID_LENGTH ? `<${sha256(id)}@long-message-id.invalid>` : id;
}

const idsIn = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((part) => part.match(/<[^<>\s]+>/g) ?? []);

function addressesOf(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string }[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const flat = (entries: AddressObject["value"]): { address: string; name: string }[] =>
    entries.flatMap((entry) =>
      entry.group
        ? flat(entry.group)
        : [{ address: (entry.address ?? "").trim().toLowerCase(), name: entry.name ?? "" }],
    );
  return objects.flatMap((object) => flat(object.value)).filter((entry) => isEmailAddress(entry.address));
}

/** Header lines that are not parsed as addresses by mailparser but name the mailbox a message reached. */
function envelopeRecipients(mail: ParsedMail): string[] {
  return mail.headerLines
    .filter((line) => ["delivered-to", "x-original-to", "envelope-to", "x-envelope-to"].includes(line.key))
    .flatMap((line) => line.line.slice(line.line.indexOf(":") + 1).match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? [])
    .map((address) => address.toLowerCase());
}

const headerText = (mail: ParsedMail, key: string) => {
  const value = mail.headers.get(key);
  if (value == null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value && typeof value.value === "string") return value.value;
  if (typeof value === "object" && "text" in value && typeof value.text === "string") return value.text;
  return String(value);
};

/**
 * Auto-replies, bounces and bulk mail must never get an automatic answer, or two robots answer each other
 * forever (RFC 3834). The header checks come first; the sender checks catch bounces without them.
 */
export function classifyAutomatic(mail: ParsedMail, from: string | null): InboundMessage["automatic"] {
  const autoSubmitted = headerText(mail, "auto-submitted")?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no")
    return { isAutomatic: true, reason: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = headerText(mail, "precedence")?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence))
    return { isAutomatic: true, reason: `Precedence: ${precedence}` };
  for (const key of ["x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder"]) {
    if (mail.headers.has(key)) return { isAutomatic: true, reason: `${key} header` };
  }
  const local = from?.split("@")[0] ?? "";
  if (/^(mailer-daemon|postmaster)$/i.test(local))
    return { isAutomatic: true, reason: "bounce (MAILER-DAEMON)" };
  const returnPath = mail.headerLines.find((line) => line.key === "return-path");
  if (returnPath && /:\s*<\s*>\s*$/.test(returnPath.line))
    return { isAutomatic: true, reason: "bounce (null return path)" };
  const contentType = headerText(mail, "content-type")?.toLowerCase() ?? "";
  if (contentType.startsWith("multipart/report")) return { isAutomatic: true, reason: "delivery report" };
  return { isAutomatic: false, reason: null };
}

/** Parses a raw message (mailparser copes with any charset and most broken MIME). */
export async function parseInbound(raw: Buffer): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { keepCidLinks: true, skipImageLinks: true, skipTextToHtml: true });
  const realId = normalizeMessageId(mail.messageId);
  const sender =
    addressesOf(mail.from)[0] ??
    addressesOf(mail.headers.get("sender") as AddressObject | undefined)[0] ??
    addressesOf(mail.replyTo)[0] ??
    null;
  const visible = [...addressesOf(mail.to), ...addressesOf(mail.cc)].map((entry) => entry.address);
  const inReplyTo = idsIn(mail.inReplyTo);
  const references = idsIn(mail.references).reverse();
  return {
    messageId: realId ?? `<${sha256(raw).slice(0, 48)}@no-message-id.invalid>`,
    syntheticMessageId: !realId,
    from: sender,
    recipients: [...new Set([...visible, ...envelopeRecipients(mail)])],
    visibleRecipients: [...new Set(visible)],
    subject: (mail.subject ?? "").replace(/[\r\n\t]+/g, " ").trim(),
    threadRefs: [...new Set([...inReplyTo, ...references])].filter((id) => id.length <= MAX_ID_LENGTH),
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : null,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType || "application/octet-stream",
      content: attachment.content,
      contentId: attachment.contentId?.replace(/^<|>$/g, "") || null,
    })),
    automatic: classifyAutomatic(mail, sender?.address ?? null),
  };
}
