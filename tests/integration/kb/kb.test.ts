import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { kbArticles } from "@/db/schema";
import { deleteCategory, moveArticle, renderMissingArticleBodies, saveArticle, saveCategory, setArticleStatus } from "@/lib/kb/manage";
import { getArticleForViewer, getCategoryPage, getKbHome, searchArticles } from "@/lib/kb/queries";
import { voteOnArticle } from "@/lib/kb/votes";
import { makeStaff, unique } from "../../support/factories";

const customer = { staff: false };
const staffViewer = { staff: true };

async function setup() {
  const admin = await makeStaff({ role: "admin" });
  const word = unique("kbword").toLowerCase();
  const category = (name: string, isPublic = true, parentId: number | null = null) =>
    saveCategory(admin.actor, null, { name: unique(name), description: "", isPublic, parentId }).then((c) => c.id);
  const write = (title: string, categoryId: number | null, body: string, extra: { isPublic?: boolean; status?: "draft" | "published" } = {}) =>
    saveArticle(admin.actor, null, { title, categoryId, body, format: "markdown", isPublic: extra.isPublic ?? true, status: extra.status ?? "published" }).then((a) => a.id);
  return { admin, word, category, write };
}

describe("knowledge base domain", () => {
  it("a staff-only category hides its whole subtree from customers, not from staff", async () => {
    const { word, category, write } = await setup();
    const top = await category("Top ", false);
    const child = await category("Child ", true, top);
    const id = await write(`Deep ${word}`, child, "text");
    await expect(getArticleForViewer(customer, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getCategoryPage(customer, child, 1, 10)).rejects.toMatchObject({ code: "not_found" });
    expect((await getArticleForViewer(staffViewer, id)).title).toBe(`Deep ${word}`);
    expect((await getCategoryPage(staffViewer, child, 1, 10)).trail.map((c) => c.id)).toEqual([top, child]);
    const home = await getKbHome(customer, { popular: 5, latest: 5 });
    expect(home.categories.some((c) => c.id === top || c.id === child)).toBe(false);
  });

  it("search ranks the article that mentions the words most first and excludes what customers may not read", async () => {
    const { word, category, write } = await setup();
    const cat = await category("Search ");
    const strong = await write(`${word} guide`, cat, `${word} ${word} everything about ${word}.`);
    const weak = await write("Other topic", cat, `Mentions ${word} once among many other words here.`);
    await write(`Hidden ${word}`, cat, word, { isPublic: false });
    await write(`Draft ${word}`, cat, word, { status: "draft" });
    const result = await searchArticles(customer, word, { perPage: 10, excerptLength: 100 });
    expect(result.hits.map((h) => h.id)).toEqual([strong, weak]);
    expect(result.hasMore).toBe(false);
    expect(result.hits[1]!.excerpt).toContain(word);
    expect((await searchArticles(staffViewer, word, { perPage: 10, excerptLength: 100 })).hits).toHaveLength(4);
    const firstPage = await searchArticles(staffViewer, word, { perPage: 3, excerptLength: 100 });
    expect([firstPage.hits.length, firstPage.hasMore]).toEqual([3, true]);
    const secondPage = await searchArticles(staffViewer, word, { page: 2, perPage: 3, excerptLength: 100 });
    expect([secondPage.hits.length, secondPage.hasMore]).toEqual([1, false]);
    expect((await searchArticles(customer, "!!", { perPage: 10, excerptLength: 100 })).hits).toEqual([]);
  });

  it("one vote per voter: voting again changes the answer; hidden articles cannot be voted on", async () => {
    const { word, category, write } = await setup();
    const cat = await category("Votes ");
    const id = await write(`Vote ${word}`, cat, "body");
    const hidden = await write(`Hidden vote ${word}`, cat, "body", { isPublic: false });
    await voteOnArticle(customer, "c:one", id, true);
    await voteOnArticle(customer, "c:two", id, true);
    await voteOnArticle(customer, "c:one", id, false);
    const [row] = await db.select({ yes: kbArticles.helpfulYes, no: kbArticles.helpfulNo }).from(kbArticles).where(eq(kbArticles.id, id));
    expect(row).toEqual({ yes: 1, no: 1 });
    await expect(voteOnArticle(customer, "c:one", hidden, true)).rejects.toMatchObject({ code: "not_found" });
  });

  it("orders articles within a category and keeps them when the category is deleted", async () => {
    const { word, category, write } = await setup();
    const cat = await category("Order ");
    const a = await write(`A ${word}`, cat, "a");
    const b = await write(`B ${word}`, cat, "b");
    await moveArticle((await setup()).admin.actor, b, "up");
    expect((await getCategoryPage(customer, cat, 1, 10)).articles.map((r) => r.id)).toEqual([b, a]);
    await deleteCategory((await setup()).admin.actor, cat);
    expect((await getArticleForViewer(customer, a)).categoryId).toBeNull();
  });

  it("fills the HTML and search text of articles inserted without them (bulk imports)", async () => {
    const word = unique("imported").toLowerCase();
    const [row] = await db.insert(kbArticles).values({ title: "Imported", slug: "imported", body: `<p>About ${word}</p>`, format: "html", status: "published" }).$returningId();
    expect(await renderMissingArticleBodies()).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(kbArticles).where(eq(kbArticles.id, row!.id));
    expect(after?.bodyHtml).toBe(`<p>About ${word}</p>`);
    expect((await searchArticles(customer, word, { perPage: 5, excerptLength: 50 })).hits.map((h) => h.id)).toEqual([row!.id]);
  });

  it("a cached search page is dropped as soon as an article changes", async () => {
    const { admin, word, category, write } = await setup();
    const id = await write(`Cached ${word}`, await category("Cache "), word);
    const search = () => searchArticles(customer, word, { perPage: 10, excerptLength: 50 });
    expect((await search()).hits.map((h) => h.id)).toEqual([id]);
    await setArticleStatus(admin.actor, id, "draft");
    expect((await search()).hits).toEqual([]);
  });
});
