import { sanitizeMailHtml } from "../mail/html";

/**
 * HelpDeskZ stores message bodies as purified HTML, so its clients send HTML or plain text. A body
 * with tags is kept as sanitized HTML (rendered as such in the agent UI); anything else is text.
 */
export function apiMessageBody(body: string): { message: string; bodyFormat: "text" | "html" } {
  // Attributes stop at the next "<" as well as ">": with `[^>]*`, a body of unclosed tags ("<a <a <a …")
  // made every "<" scan to the end, quadratic time that froze the server on a 30 KB message.
  if (/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i.test(body)) return { message: sanitizeMailHtml(body), bodyFormat: "html" };
  return { message: body, bodyFormat: "text" };
}
