// Canned responses and the knowledge base.
import type { cannedResponses, kbArticles, kbCategories } from "@/db/schema";
import type { EntityReport } from "../report";
import type { ArticleRow, CannedRow, KbCategoryRow } from "../schema";
import { renderArticleBody, slugify } from "@/lib/kb/text";
import { fromUnix, plainTextOf, unescapeHtml } from "../php";
import { clip, type MapContext } from "./context";

export function mapCanned(row: CannedRow, report: EntityReport): typeof cannedResponses.$inferInsert | null {
  const html = row.message ?? "";
  if (!html.trim()) {
    report.skip("empty message", row.id);
    return null;
  }
  // Canned responses here are plain text (inserted into the reply box); HelpDeskZ's are editor HTML.
  const text = plainTextOf(html) ?? htmlToText(html);
  if (plainTextOf(html) === null) report.adjust("HTML formatting turned into plain text", row.id);
  return {
    id: row.id,
    title: clip(unescapeHtml(row.title ?? "").trim() || `Canned response ${row.id}`, 200),
    body: text,
    // HelpDeskZ shares every canned response with all staff (staff_id only records the author).
    staffId: null,
    sortOrder: Math.max(-32768, Math.min(32767, row.position)),
    createdAt: fromUnix(row.date) ?? new Date(),
  };
}

/** Editor HTML as readable text: block ends become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return unescapeHtml(
    html
      .replace(/\r\n/g, "\n")
      .replace(/\n/g, " ")
      .replace(/<\/(p|div|h\d|ul|ol|table)>/gi, "\n\n")
      .replace(/<(br|\/li|\/tr|hr)\b[^>]*>/gi, "\n")
      .replace(/<li\b[^>]*>/gi, "- ")
      .replace(/<[^>]+>/g, ""),
  )
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]*\n[ \t]*/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function mapKbCategory(row: KbCategoryRow): typeof kbCategories.$inferInsert {
  return {
    id: row.id,
    parentId: row.parent > 0 ? row.parent : null,
    name: clip(unescapeHtml(row.name).trim() || `Category ${row.id}`, 200),
    isPublic: row.public === 1,
    sortOrder: Math.max(-32768, Math.min(32767, row.position)),
  };
}

export function mapArticle(
  row: ArticleRow,
  ctx: MapContext,
  report: EntityReport,
): typeof kbArticles.$inferInsert {
  const title = clip(unescapeHtml(row.title).trim() || `Article ${row.id}`, 255);
  let categoryId: number | null = null;
  if (row.category > 0) {
    if (ctx.kbCategoryIds.has(row.category)) categoryId = row.category;
    else report.adjust("category no longer exists: article kept without category", row.id);
  }
  const createdAt = fromUnix(row.date) ?? new Date();
  const body = row.content ?? "";
  // HelpDeskZ's editor uploads images into its own folder; the article links to them there.
  if (/<img\b[^>]*\bsrc\s*=\s*(?:"(?!data:)|'(?!data:)|(?!["']|data:))/i.test(body)) {
    report.adjust(
      "embedded images still load from the HelpDeskZ server's address: copy them before retiring it",
      row.id,
    );
  }
  // HelpDeskZ articles are editor HTML; rendered (sanitised) and indexed now, as lib/kb does on save.
  const rendered = renderArticleBody("html", body);
  return {
    id: row.id,
    categoryId,
    title,
    slug: slugify(title),
    body,
    format: "html",
    bodyHtml: rendered.html || " ",
    bodyText: rendered.text,
    // HelpDeskZ has no drafts: every article is published; a non-public one is for staff only.
    status: "published",
    isPublic: row.public === 1,
    authorStaffId: ctx.staffIds.has(row.staff_id) ? row.staff_id : null,
    views: Math.max(0, row.views),
    publishedAt: createdAt,
    createdAt,
    updatedAt: fromUnix(row.last_update) ?? createdAt,
  };
}
