import type { Attachment } from "@/db/schema";

// Types a browser may show inline without running anything of the sender's.
const inlineTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"]);

/** The download response: inline only for harmless types, never sniffed, never cached by proxies. */
export function attachmentResponse(attachment: Pick<Attachment, "contentType" | "filename">, data: Buffer): Response {
  const inline = inlineTypes.has(attachment.contentType);
  const filename = encodeURIComponent(attachment.filename);
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": inline ? attachment.contentType : "application/octet-stream",
      "Content-Length": String(data.length),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${filename}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
