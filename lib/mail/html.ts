import sanitizeHtml from "sanitize-html";

const REMOTE = /^\s*(https?:)?\/\//i;

/**
 * Makes a mail's HTML safe to show to agents: no scripts, styles, forms or event handlers, and no remote
 * images loaded by default (tracking pixels): a remote image keeps its address in data-remote-src so that
 * the interface can offer to load it. Inline images (cid:) and data: images stay.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "font", "center"],
    allowedAttributes: {
      a: ["href", "name", "title", "target", "rel"],
      img: ["src", "alt", "title", "width", "height", "data-remote-src"],
      td: ["colspan", "rowspan", "align", "valign"],
      th: ["colspan", "rowspan", "align", "valign"],
      table: ["align", "border", "cellpadding", "cellspacing", "width"],
      font: ["color"],
      "*": ["dir", "lang"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["cid", "data"] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
      img: (tagName, attribs) => {
        const { src = "", ...rest } = attribs;
        return REMOTE.test(src)
          ? { tagName, attribs: { ...rest, "data-remote-src": src.trim() } }
          : { tagName, attribs };
      },
    },
  }).trim();
}

/** A plain-text rendering of (already sanitised) HTML, for the text part of outgoing mail. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h\d|\/li|\/tr|hr)\b[^>]*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Splits a plain-text reply into what the sender wrote and the quoted history below it (lines starting
 * with ">" or an "On ... wrote:" introduction), so that a display can fold the history.
 */
export function splitQuotedText(text: string): { body: string; quoted: string } {
  const lines = text.split(/\r?\n/);
  const intro =
    /^(On .+wrote:|Le .+a écrit\s?:|Am .+schrieb .+:|-{2,}\s*Original Message\s*-{2,}|_{10,}|From: .+)$/i;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const quoteFollows = lines.slice(i).every((l) => l.trim() === "" || l.startsWith(">"));
    if ((line.startsWith(">") && quoteFollows) || (intro.test(line) && i > 0)) {
      return { body: lines.slice(0, i).join("\n").trimEnd(), quoted: lines.slice(i).join("\n") };
    }
  }
  return { body: text, quoted: "" };
}
