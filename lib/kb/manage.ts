import { and, asc, desc, eq, inArray, isNull, like, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { kbArticles, kbAttachments, kbCategories } from "@/db/schema";
import { checkUploads, removeAttachmentFiles, removeStoredFiles, writeAttachmentFiles, type IncomingFile } from "../attachments";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { moveInOrder } from "../ordering";
import { getSettings } from "../settings";
import type { KbArticleFormValues, KbCategoryFormValues } from "../validation/kb";
import { listCategories } from "./queries";
import { invalidateKbSearchCache } from "./search-cache";
import { renderArticleBody, slugify } from "./text";

// Every staff member may write the knowledge base (agents included); the actor is taken so that the
// author is recorded and so that no door can call these without a signed-in staff member.

export async function listArticlesForStaff(
  _actor: StaffActor,
  filters: { q: string; category: string; status: "" | "draft" | "published"; page: number },
  perPage: number,
) {
  const conditions: (SQL | undefined)[] = [];
  if (filters.q) conditions.push(like(kbArticles.title, `%${filters.q.replace(/[\\%_]/g, "\\$&")}%`));
  if (filters.category === "none") conditions.push(isNull(kbArticles.categoryId));
  else if (filters.category) conditions.push(eq(kbArticles.categoryId, Number(filters.category)));
  if (filters.status) conditions.push(eq(kbArticles.status, filters.status));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: kbArticles.id,
        title: kbArticles.title,
        slug: kbArticles.slug,
        categoryId: kbArticles.categoryId,
        status: kbArticles.status,
        isPublic: kbArticles.isPublic,
        views: kbArticles.views,
        helpfulYes: kbArticles.helpfulYes,
        helpfulNo: kbArticles.helpfulNo,
        updatedAt: kbArticles.updatedAt,
      })
      .from(kbArticles)
      .where(where)
      // Within one category the list shows the portal's order, so the arrows move what people see.
      .orderBy(...(filters.category ? [asc(kbArticles.sortOrder), asc(kbArticles.title), asc(kbArticles.id)] : [desc(kbArticles.updatedAt), desc(kbArticles.id)]))
      .limit(perPage)
      .offset((filters.page - 1) * perPage),
    db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(kbArticles).where(where),
  ]);
  return { rows, total: total?.count ?? 0 };
}

export async function getArticleForEdit(_actor: StaffActor, id: number) {
  const [article] = await db.select().from(kbArticles).where(eq(kbArticles.id, id));
  if (!article) throw new AppError("not_found", "Article not found.");
  const files = await db.select().from(kbAttachments).where(eq(kbAttachments.articleId, id)).orderBy(asc(kbAttachments.id));
  return { ...article, attachments: files };
}

async function assertCategoryExists(categoryId: number | null, field: string) {
  if (categoryId == null) return;
  const [row] = await db.select({ id: kbCategories.id }).from(kbCategories).where(eq(kbCategories.id, categoryId));
  if (!row) throw new AppError("invalid", "That category no longer exists.", { [field]: "That category no longer exists." });
}

/**
 * Creates or updates an article: renders and sanitises the body once, stores new files, drops the ones
 * the author ticked for removal. Files are written before the transaction and removed again if it fails.
 */
export async function saveArticle(
  actor: StaffActor,
  id: number | null,
  values: KbArticleFormValues,
  changes: { files?: IncomingFile[]; removeAttachmentIds?: number[] } = {},
): Promise<{ id: number }> {
  await assertCategoryExists(values.categoryId, "categoryId");
  const files = changes.files ?? [];
  checkUploads(files, await getSettings());
  const rendered = renderArticleBody(values.format, values.body);
  const row = {
    title: values.title,
    slug: slugify(values.title),
    categoryId: values.categoryId,
    format: values.format,
    body: values.body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    status: values.status,
    isPublic: values.isPublic,
  };
  const written = await writeAttachmentFiles(files);
  let removed: { storageKey: string }[] = [];
  try {
    const savedId = await db.transaction(async (tx) => {
      let articleId = id;
      if (articleId == null) {
        const [created] = await tx
          .insert(kbArticles)
          .values({ ...row, authorStaffId: actor.id, publishedAt: values.status === "published" ? new Date() : null })
          .$returningId();
        articleId = created!.id;
      } else {
        const [existing] = await tx.select({ publishedAt: kbArticles.publishedAt }).from(kbArticles).where(eq(kbArticles.id, articleId));
        if (!existing) throw new AppError("not_found", "Article not found.");
        await tx
          .update(kbArticles)
          .set({ ...row, publishedAt: values.status === "published" ? (existing.publishedAt ?? new Date()) : existing.publishedAt })
          .where(eq(kbArticles.id, articleId));
      }
      if (changes.removeAttachmentIds?.length) {
        const scope = and(eq(kbAttachments.articleId, articleId), inArray(kbAttachments.id, changes.removeAttachmentIds));
        removed = await tx.select({ storageKey: kbAttachments.storageKey }).from(kbAttachments).where(scope);
        await tx.delete(kbAttachments).where(scope);
      }
      if (written.length) {
        await tx.insert(kbAttachments).values(
          written.map((f) => ({
            articleId: articleId!,
            filename: f.filename,
            contentType: f.contentType,
            size: f.size,
            storageKey: f.storageKey,
            sha256: f.sha256,
          })),
        );
      }
      return articleId;
    });
    invalidateKbSearchCache();
    await removeStoredFiles(removed);
    return { id: savedId };
  } catch (error) {
    await removeAttachmentFiles(written);
    throw error;
  }
}

/** Publishing stamps the first publication date (the "latest" list); unpublishing keeps it. */
export async function setArticleStatus(_actor: StaffActor, id: number, status: "draft" | "published") {
  const [result] = await db
    .update(kbArticles)
    .set({ status, publishedAt: status === "published" ? sql`COALESCE(${kbArticles.publishedAt}, NOW())` : sql`${kbArticles.publishedAt}` })
    .where(eq(kbArticles.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Article not found.");
  invalidateKbSearchCache();
}

export async function deleteArticle(_actor: StaffActor, id: number) {
  const files = await db.select({ storageKey: kbAttachments.storageKey }).from(kbAttachments).where(eq(kbAttachments.articleId, id));
  const [result] = await db.delete(kbArticles).where(eq(kbArticles.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Article not found.");
  invalidateKbSearchCache();
  await removeStoredFiles(files);
}

/** Moves an article among the others of its category (the order the portal lists them in). */
export async function moveArticle(_actor: StaffActor, id: number, direction: "up" | "down") {
  const [article] = await db.select({ categoryId: kbArticles.categoryId }).from(kbArticles).where(eq(kbArticles.id, id));
  if (!article) throw new AppError("not_found", "Article not found.");
  const siblings = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(article.categoryId == null ? isNull(kbArticles.categoryId) : eq(kbArticles.categoryId, article.categoryId))
    .orderBy(asc(kbArticles.sortOrder), asc(kbArticles.title), asc(kbArticles.id));
  await moveInOrder(
    siblings.map((s) => s.id),
    id,
    direction,
    (rowId, position) => db.update(kbArticles).set({ sortOrder: position }).where(eq(kbArticles.id, rowId)),
  );
}

// Categories

export async function getCategory(_actor: StaffActor, id: number) {
  const [row] = await db.select().from(kbCategories).where(eq(kbCategories.id, id));
  if (!row) throw new AppError("not_found", "Category not found.");
  return row;
}

/** Saves a category; a parent may not be the category itself or one of its descendants. */
export async function saveCategory(_actor: StaffActor, id: number | null, values: KbCategoryFormValues): Promise<{ id: number }> {
  await assertCategoryExists(values.parentId, "parentId");
  if (id != null && values.parentId != null) {
    const all = await listCategories();
    for (let at = all.find((c) => c.id === values.parentId); at; at = all.find((c) => c.id === at!.parentId)) {
      if (at.id === id) {
        const message = "A category cannot sit inside itself or one of its subcategories.";
        throw new AppError("invalid", message, { parentId: message });
      }
    }
  }
  if (id == null) {
    const [last] = await db
      .select({ max: sql<number>`COALESCE(MAX(${kbCategories.sortOrder}), 0)`.mapWith(Number) })
      .from(kbCategories)
      .where(values.parentId == null ? isNull(kbCategories.parentId) : eq(kbCategories.parentId, values.parentId));
    const [row] = await db.insert(kbCategories).values({ ...values, sortOrder: (last?.max ?? 0) + 1 }).$returningId();
    invalidateKbSearchCache();
    return { id: row!.id };
  }
  const [result] = await db.update(kbCategories).set(values).where(eq(kbCategories.id, id));
  if (result.affectedRows === 0) {
    await getCategory(_actor, id);
  }
  invalidateKbSearchCache();
  return { id };
}

/** Deletes a category: its subcategories move up to its parent, its articles become uncategorised. */
export async function deleteCategory(_actor: StaffActor, id: number) {
  const category = await getCategory(_actor, id);
  await db.transaction(async (tx) => {
    await tx.update(kbCategories).set({ parentId: category.parentId }).where(eq(kbCategories.parentId, id));
    await tx.delete(kbCategories).where(eq(kbCategories.id, id));
  });
  invalidateKbSearchCache();
}

export async function moveCategory(_actor: StaffActor, id: number, direction: "up" | "down") {
  const category = await getCategory(_actor, id);
  const siblings = await db
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(category.parentId == null ? isNull(kbCategories.parentId) : eq(kbCategories.parentId, category.parentId))
    .orderBy(asc(kbCategories.sortOrder), asc(kbCategories.name));
  await moveInOrder(
    siblings.map((s) => s.id),
    id,
    direction,
    (rowId, position) => db.update(kbCategories).set({ sortOrder: position }).where(eq(kbCategories.id, rowId)),
  );
}

/** Categories as an indented list (parents before children) for pickers and the admin list. */
export function categoryTree<T extends { id: number; parentId: number | null }>(categories: T[]): (T & { depth: number })[] {
  const out: (T & { depth: number })[] = [];
  const ids = new Set(categories.map((c) => c.id));
  const walk = (parentId: number | null, depth: number) => {
    for (const c of categories.filter((c) => (parentId == null ? c.parentId == null || !ids.has(c.parentId) : c.parentId === parentId))) {
      if (out.some((o) => o.id === c.id)) continue;
      out.push({ ...c, depth });
      if (depth < 20) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Renders the articles written straight into the table without their HTML and search text (an importer's
 * bulk insert, for instance), so that they show on the portal and in search. Returns how many it filled.
 */
export async function renderMissingArticleBodies(batchSize = 200): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: kbArticles.id, format: kbArticles.format, body: kbArticles.body })
      .from(kbArticles)
      .where(and(eq(kbArticles.bodyHtml, ""), sql`${kbArticles.body} <> ''`))
      .limit(batchSize);
    if (rows.length === 0) {
      if (filled) invalidateKbSearchCache();
      return filled;
    }
    for (const row of rows) {
      const rendered = renderArticleBody(row.format, row.body);
      // An article whose body sanitises to nothing keeps a space so that it is not picked up again.
      await db
        .update(kbArticles)
        .set({ bodyHtml: rendered.html || " ", bodyText: rendered.text })
        .where(eq(kbArticles.id, row.id));
      filled++;
    }
  }
}
