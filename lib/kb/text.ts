import { Marked } from "marked";
import type { KbArticleFormat } from "@/db/schema";
import { htmlToPlainText, sanitizeMailHtml } from "../mail/html";

// One parser instance with fixed options: a global `marked.use()` elsewhere cannot change articles.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Renders what an author wrote (Markdown, or HTML from a rich-text editor) to the HTML pages show and the
 * plain text search reads. Everything passes through the project's one sanitiser, so Markdown's raw HTML
 * passthrough cannot smuggle scripts in.
 */
export function renderArticleBody(format: KbArticleFormat, body: string): { html: string; text: string } {
  const raw = format === "markdown" ? (markdown.parse(body) as string) : body;
  const html = sanitizeMailHtml(raw);
  return { html, text: htmlToPlainText(html) };
}

/** A short, ASCII, URL-friendly form of a title (the id, not the slug, identifies the article). */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "article";
}

export const articlePath = (article: { id: number; slug: string }) => `/kb/articles/${article.id}-${article.slug}`;

/** The id at the start of an article URL segment ("12-reset-your-password" → 12), or null. */
export function articleIdFromRef(ref: string): number | null {
  const match = /^(\d{1,10})(?:-|$)/.exec(ref);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The words of a search, as full-text search sees them (letters and digits, at least 2 characters). */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, 20);
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const termPattern = (terms: string[]) =>
  terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu") : null;

/**
 * About `length` characters of `text` starting shortly before the first matched word (the start when
 * nothing matches), cut at word boundaries, with an ellipsis where text was left out.
 */
export function excerptAround(text: string, terms: string[], length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const pattern = termPattern(terms);
  const hit = pattern ? flat.search(pattern) : -1;
  let start = hit > length / 3 ? hit - Math.floor(length / 3) : 0;
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space >= 0 && space < hit ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start + length / 2) end = space;
  }
  return `${start > 0 ? "… " : ""}${flat.slice(start, end)}${end < flat.length ? " …" : ""}`;
}

/**
 * Splits text into plain and matched pieces. Pages render the pieces as React text (escaped) with the
 * matches inside <mark>, so a title or body can never inject markup through the highlighting.
 */
export function highlightSegments(text: string, terms: string[]): { text: string; match: boolean }[] {
  const pattern = termPattern(terms);
  if (!pattern) return [{ text, match: false }];
  const segments: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const at = found.index;
    if (at > last) segments.push({ text: text.slice(last, at), match: false });
    segments.push({ text: found[0], match: true });
    last = at + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}
