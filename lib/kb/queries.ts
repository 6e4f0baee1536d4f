import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { kbArticles, kbAttachments, kbCategories, staff, type KbCategory } from "@/db/schema";
import type { Actor } from "../auth/actors";
import { AppError } from "../errors";
import { cachedSearch } from "./search-cache";
import { excerptAround, searchTerms } from "./text";

/**
 * Who is reading the knowledge base. Staff see everything (drafts and staff-only articles included);
 * everyone else sees published, public articles in categories that are public all the way up.
 */
export type KbViewer = { staff: boolean };
export const kbViewerOf = (actor: Actor | null): KbViewer => ({ staff: actor?.type === "staff" });

export async function listCategories(): Promise<KbCategory[]> {
  return db.select().from(kbCategories).orderBy(asc(kbCategories.sortOrder), asc(kbCategories.name));
}

/** Categories the viewer may see: a staff-only category hides its whole subtree from customers. */
export function visibleCategories(categories: KbCategory[], viewer: KbViewer): KbCategory[] {
  if (viewer.staff) return categories;
  const byId = new Map(categories.map((c) => [c.id, c]));
  const visible = (category: KbCategory, depth = 0): boolean => {
    if (!category.isPublic) return false;
    if (category.parentId == null || depth > 20) return true;
    const parent = byId.get(category.parentId);
    return parent ? visible(parent, depth + 1) : true;
  };
  return categories.filter((c) => visible(c));
}

/** The WHERE that limits articles to what the viewer may read. */
function articleScope(viewer: KbViewer, visibleCategoryIds: number[]): SQL | undefined {
  if (viewer.staff) return undefined;
  return and(
    eq(kbArticles.status, "published"),
    eq(kbArticles.isPublic, true),
    visibleCategoryIds.length
      ? or(isNull(kbArticles.categoryId), inArray(kbArticles.categoryId, visibleCategoryIds))
      : isNull(kbArticles.categoryId),
  );
}

async function scopeFor(viewer: KbViewer) {
  const categories = visibleCategories(await listCategories(), viewer);
  return { categories, where: articleScope(viewer, categories.map((c) => c.id)) };
}

const listColumns = {
  id: kbArticles.id,
  title: kbArticles.title,
  slug: kbArticles.slug,
  categoryId: kbArticles.categoryId,
  status: kbArticles.status,
  isPublic: kbArticles.isPublic,
  views: kbArticles.views,
  updatedAt: kbArticles.updatedAt,
  publishedAt: kbArticles.publishedAt,
};
export type KbArticleListItem = { id: number; title: string; slug: string; categoryId: number | null; status: "draft" | "published"; isPublic: boolean; views: number; updatedAt: Date; publishedAt: Date | null };

/** The help center's front page: visible categories with their article counts, popular and latest. */
export async function getKbHome(viewer: KbViewer, limits: { popular: number; latest: number }) {
  const { categories, where } = await scopeFor(viewer);
  const [counts, popular, latest] = await Promise.all([
    db
      .select({ categoryId: kbArticles.categoryId, count: sql<number>`count(*)`.mapWith(Number) })
      .from(kbArticles)
      .where(where)
      .groupBy(kbArticles.categoryId),
    limits.popular
      ? db.select(listColumns).from(kbArticles).where(where).orderBy(desc(kbArticles.views), desc(kbArticles.id)).limit(limits.popular)
      : Promise.resolve([]),
    limits.latest
      ? db.select(listColumns).from(kbArticles).where(where).orderBy(desc(kbArticles.publishedAt), desc(kbArticles.id)).limit(limits.latest)
      : Promise.resolve([]),
  ]);
  const countOf = new Map(counts.map((c) => [c.categoryId, c.count]));
  return { categories: categories.map((c) => ({ ...c, articleCount: countOf.get(c.id) ?? 0 })), popular, latest, uncategorized: countOf.get(null) ?? 0 };
}

/** A category page: the category (404 when hidden), its path, subcategories and one page of articles. */
export async function getCategoryPage(viewer: KbViewer, categoryId: number, page: number, perPage: number) {
  const { categories, where } = await scopeFor(viewer);
  const category = categories.find((c) => c.id === categoryId);
  if (!category) throw new AppError("not_found", "Category not found.");
  const trail: KbCategory[] = [];
  for (let at: KbCategory | undefined = category; at && trail.length < 20; at = categories.find((c) => c.id === at!.parentId)) trail.unshift(at);
  const inCategory = and(eq(kbArticles.categoryId, categoryId), where);
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...listColumns, bodyText: sql<string>`LEFT(${kbArticles.bodyText}, 2000)` })
      .from(kbArticles)
      .where(inCategory)
      .orderBy(asc(kbArticles.sortOrder), asc(kbArticles.title), asc(kbArticles.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(kbArticles).where(inCategory),
  ]);
  return {
    category,
    trail,
    children: categories.filter((c) => c.parentId === categoryId),
    articles: rows,
    total: total?.count ?? 0,
  };
}

/** One article as the viewer may read it, with its category path and attachments; 404 otherwise. */
export async function getArticleForViewer(viewer: KbViewer, articleId: number) {
  const { categories, where } = await scopeFor(viewer);
  const [article] = await db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      slug: kbArticles.slug,
      categoryId: kbArticles.categoryId,
      bodyHtml: kbArticles.bodyHtml,
      status: kbArticles.status,
      isPublic: kbArticles.isPublic,
      views: kbArticles.views,
      helpfulYes: kbArticles.helpfulYes,
      helpfulNo: kbArticles.helpfulNo,
      createdAt: kbArticles.createdAt,
      updatedAt: kbArticles.updatedAt,
      authorName: staff.fullname,
    })
    .from(kbArticles)
    .leftJoin(staff, eq(staff.id, kbArticles.authorStaffId))
    .where(and(eq(kbArticles.id, articleId), where));
  if (!article) throw new AppError("not_found", "Article not found.");
  const trail: KbCategory[] = [];
  for (let at = categories.find((c) => c.id === article.categoryId); at && trail.length < 20; at = categories.find((c) => c.id === at!.parentId)) trail.unshift(at);
  const files = await db
    .select({ id: kbAttachments.id, filename: kbAttachments.filename, size: kbAttachments.size })
    .from(kbAttachments)
    .where(eq(kbAttachments.articleId, articleId))
    .orderBy(asc(kbAttachments.id));
  return { ...article, trail, attachments: files };
}

/** Counts a reading by someone other than staff (staff proofreading does not make an article popular). */
export async function recordArticleView(viewer: KbViewer, articleId: number) {
  if (viewer.staff) return;
  await db
    .update(kbArticles)
    .set({ views: sql`${kbArticles.views} + 1` })
    .where(eq(kbArticles.id, articleId));
}

/** An attachment of an article the viewer may read, or a 404. */
export async function getAttachmentForViewer(viewer: KbViewer, attachmentId: number) {
  const [file] = await db.select().from(kbAttachments).where(eq(kbAttachments.id, attachmentId));
  if (!file) throw new AppError("not_found", "Attachment not found.");
  await getArticleForViewer(viewer, file.articleId);
  return file;
}

export type KbSearchHit = { id: number; title: string; slug: string; categoryId: number | null; excerpt: string; score: number };

/**
 * The statement of one search page, unexecuted (the bench EXPLAINs it); null when no word is searchable.
 * It asks for one row more than a page to know whether a next page exists: a total would need the
 * full-text index to be read a second time, which for a word in most articles doubles the cost.
 */
export async function searchStatement(viewer: KbViewer, terms: string[], options: { page?: number; perPage: number }) {
  if (terms.length === 0) return null;
  const { where } = await scopeFor(viewer);
  const match = sql`MATCH(${kbArticles.title}, ${kbArticles.bodyText}) AGAINST (${terms.join(" ")} IN NATURAL LANGUAGE MODE)`;
  const page = options.page ?? 1;
  // Wrapped: an async function returning the query builder itself would run it (it is a thenable).
  // Ids and scores only: carrying the bodies through the sort of every match costs a third more.
  const query = db
    .select({ id: kbArticles.id, score: sql<number>`${match}`.mapWith(Number) })
    .from(kbArticles)
    .where(and(match, where))
    .orderBy(sql`${match} DESC`, desc(kbArticles.id))
    .limit(options.perPage + 1)
    .offset((page - 1) * options.perPage);
  return { query };
}

/** Full-text search (MariaDB FULLTEXT on title + body text, natural language mode), best match first. */
export async function searchArticles(
  viewer: KbViewer,
  query: string,
  options: { page?: number; perPage: number; excerptLength: number; cache?: boolean },
): Promise<{ hits: KbSearchHit[]; hasMore: boolean; terms: string[] }> {
  const terms = searchTerms(query);
  const run = async () => {
    const statement = await searchStatement(viewer, terms, options);
    if (!statement) return { hits: [], hasMore: false, terms };
    const ranked = await statement.query;
    const pageIds = ranked.slice(0, options.perPage);
    const rows = pageIds.length
      ? await db
          .select({
            id: kbArticles.id,
            title: kbArticles.title,
            slug: kbArticles.slug,
            categoryId: kbArticles.categoryId,
            // Enough of the body for an excerpt around the first match (long articles are not read whole).
            text: sql<string>`LEFT(${kbArticles.bodyText}, 20000)`,
          })
          .from(kbArticles)
          .where(inArray(kbArticles.id, pageIds.map((r) => r.id)))
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      hits: pageIds.flatMap(({ id, score }) => {
        const row = byId.get(id);
        if (!row) return [];
        const { text, ...rest } = row;
        return [{ ...rest, score, excerpt: excerptAround(text, terms, options.excerptLength) }];
      }),
      hasMore: ranked.length > options.perPage,
      terms,
    };
  };
  if (options.cache === false || terms.length === 0) return run();
  const key = JSON.stringify([viewer.staff, terms, options.page ?? 1, options.perPage, options.excerptLength]);
  return cachedSearch(key, run);
}

/** A few articles for "did you mean to read…" (portal ticket form) and the agent's link picker. */
export async function suggestArticles(viewer: KbViewer, query: string, limit = 5) {
  const { hits } = await searchArticles(viewer, query, { perPage: limit, excerptLength: 120 });
  return hits;
}
