import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { kbArticles, kbAttachments, messages } from "@/db/schema";
import { saveArticle, saveCategory } from "@/lib/kb/manage";
import { articlePath } from "@/lib/kb/text";
import { resetSettings } from "@/lib/settings";
import { launchBrowser, newPage, signInStaff } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique } from "../../support/factories";
import { shootBoth, signInCustomer } from "../portal/support";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await resetSettings(["kbPopularCount", "kbArticlesPerPage"]);
  await browser?.close();
});

describe("the knowledge base", () => {
  it("an agent writes and publishes an article; a visitor browses, searches, reads, downloads and votes on it", async () => {
    const agent = await makeStaff();
    const word = unique("zephyr").toLowerCase();
    const categoryName = unique("Getting started ");
    const title = `Configure the ${word} connector`;

    const desk = await newPage(browser);
    desk.on("dialog", (dialog) => dialog.accept());
    await signInStaff(desk, agent.username, agent.password);
    await desk.getByRole("navigation", { name: "Agent" }).getByRole("link", { name: "Knowledge base" }).click();
    await desk.waitForURL("**/agent/kb");
    await desk.getByRole("link", { name: "Categories" }).click();
    await desk.getByRole("link", { name: "New category" }).click();
    // An empty name is refused with a message under the field, and what was typed stays.
    await desk.getByLabel("Description (optional)").fill("First steps with the product.");
    await desk.getByRole("button", { name: "Save category" }).click();
    await desk.getByText("Name the category.").waitFor();
    expect(await desk.getByLabel("Description (optional)").inputValue()).toBe("First steps with the product.");
    await desk.getByLabel("Name").fill(categoryName);
    await desk.getByRole("button", { name: "Save category" }).click();
    await desk.waitForURL("**/agent/kb/categories");
    await desk.getByRole("link", { name: categoryName }).waitFor();
    await shootBoth(desk, "kb-agent-categories");

    await desk.goto("/agent/kb/articles/new");
    await desk.getByLabel("Title").fill(title);
    await desk.getByLabel("Category").selectOption({ label: categoryName });
    await desk.getByRole("button", { name: "Save article" }).click();
    await desk.getByText("Write the article.").waitFor();
    expect(await desk.getByLabel("Title").inputValue()).toBe(title);
    await desk
      .getByLabel("Article", { exact: true })
      .fill(
        [
          "## Before you start",
          "",
          `You need an API key for the **${word}** connector.`,
          "",
          "- Open *Settings*",
          "- Paste the key",
          "",
          '<script>alert("x")</script><img src="x.png" onerror="alert(1)">',
        ].join("\n"),
      );
    await desk.locator("#attachments").setInputFiles({ name: "checklist.txt", mimeType: "text/plain", buffer: Buffer.from("1. key\n2. paste\n") });
    await desk.getByRole("button", { name: "Save article" }).click();
    await desk.waitForURL(/\/agent\/kb\/articles\/\d+\?created=1/);
    await desk.getByText("Article created.").waitFor();
    await shootBoth(desk, "kb-agent-article-edit");
    const id = Number(/articles\/(\d+)/.exec(desk.url())![1]);
    const [saved] = await db.select().from(kbArticles).where(eq(kbArticles.id, id));
    expect(saved?.status).toBe("draft");
    expect(saved?.authorStaffId).toBe(agent.id);
    expect(saved?.bodyHtml).toContain("<h2>Before you start</h2>");
    expect(saved?.bodyHtml).not.toMatch(/<script|onerror/i);
    const path = articlePath(saved!);

    // A draft does not exist for customers.
    const visitor = await newPage(browser);
    expect((await visitor.goto(path))?.status()).toBe(404);

    await desk.getByRole("button", { name: `Publish ${title}` }).click();
    await desk.getByRole("button", { name: `Unpublish ${title}` }).waitFor();
    await desk.goto("/agent/kb");
    await desk.getByRole("link", { name: title }).waitFor();
    await shootBoth(desk, "kb-agent-list");

    await visitor.goto("/");
    await visitor.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Help center" }).click();
    await visitor.waitForURL("**/kb");
    await visitor.getByRole("link", { name: categoryName }).click();
    await visitor.getByRole("heading", { name: categoryName }).waitFor();
    await shootBoth(visitor, "kb-category");
    await visitor.getByRole("list", { name: "Articles" }).getByRole("link", { name: title }).waitFor();

    await visitor.goto("/kb");
    await visitor.getByRole("search").getByLabel("Search the help center").fill(`${word} key`);
    await visitor.getByRole("search").getByRole("button", { name: "Search" }).click();
    await visitor.waitForURL(/\/kb\/search\?q=/);
    const results = visitor.getByRole("list", { name: "Search results" });
    await results.getByRole("link", { name: title }).waitFor();
    expect(await results.locator("mark", { hasText: word }).count()).toBeGreaterThan(0);
    await shootBoth(visitor, "kb-search");
    await results.getByRole("link", { name: title }).click();
    await visitor.waitForURL(`**${path}`);
    await visitor.getByRole("heading", { name: "Before you start" }).waitFor();
    expect(await visitor.locator("article script").count()).toBe(0);

    const download = await visitor.request.get((await visitor.getByRole("link", { name: "checklist.txt" }).getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain("paste");

    await visitor.getByRole("button", { name: "Yes" }).click();
    await visitor.getByText("Thanks for your feedback!").waitFor();
    await shootBoth(visitor, "kb-article");
    let [counts] = await db.select({ yes: kbArticles.helpfulYes, no: kbArticles.helpfulNo, views: kbArticles.views }).from(kbArticles).where(eq(kbArticles.id, id));
    expect(counts).toMatchObject({ yes: 1, no: 0 });
    expect(counts!.views).toBeGreaterThanOrEqual(1);
    // The same browser changing its mind moves its vote rather than adding one, also after a reload.
    await visitor.reload();
    expect(await visitor.getByRole("button", { name: "Yes" }).getAttribute("aria-pressed")).toBe("true");
    await visitor.getByRole("button", { name: "No" }).click();
    await visitor.getByText("Thanks for your feedback!").waitFor();
    [counts] = await db.select({ yes: kbArticles.helpfulYes, no: kbArticles.helpfulNo, views: kbArticles.views }).from(kbArticles).where(eq(kbArticles.id, id));
    expect(counts).toMatchObject({ yes: 0, no: 1 });

    await visitor.goto("/kb");
    await shootBoth(visitor, "kb-home");
  });

  it("staff-only and unpublished articles, staff-only categories and their files are 404 for customers and visible to staff", async () => {
    const admin = await makeStaff({ role: "admin" });
    const word = unique("quasar").toLowerCase();
    const publicCategory = await saveCategory(admin.actor, null, { name: unique("Public "), description: "", parentId: null, isPublic: true });
    const secretCategory = await saveCategory(admin.actor, null, { name: unique("Internal "), description: "", parentId: null, isPublic: false });
    const nested = await saveCategory(admin.actor, null, { name: unique("Nested "), description: "", parentId: secretCategory.id, isPublic: true });
    const write = (title: string, categoryId: number, isPublic: boolean, status: "draft" | "published" = "published", files = [] as { filename: string; contentType: string; data: Buffer }[]) =>
      saveArticle(admin.actor, null, { title, categoryId, isPublic, status, format: "markdown", body: `About ${word}.` }, { files });
    const staffOnly = await write(`Staff only ${word}`, publicCategory.id, false, "published", [{ filename: "internal.txt", contentType: "text/plain", data: Buffer.from("secret") }]);
    const inSecret = await write(`In a staff category ${word}`, nested.id, true);
    const draft = await write(`Draft ${word}`, publicCategory.id, true, "draft");
    const visible = await write(`Visible ${word}`, publicCategory.id, true);
    const [file] = await db.select().from(kbAttachments).where(eq(kbAttachments.articleId, staffOnly.id));
    const pathOf = async (id: number) => articlePath((await db.select().from(kbArticles).where(eq(kbArticles.id, id)))[0]!);

    const customer = await makeCustomer();
    const page = await newPage(browser);
    await signInCustomer(page, customer.email, customer.password);
    for (const id of [staffOnly.id, inSecret.id, draft.id]) expect((await page.goto(await pathOf(id)))?.status()).toBe(404);
    for (const id of [secretCategory.id, nested.id]) expect((await page.goto(`/kb/categories/${id}`))?.status()).toBe(404);
    expect((await page.request.get(`/kb/attachments/${file!.id}`)).status()).toBe(404);
    await page.goto(`/kb/search?q=${word}`);
    const results = page.getByRole("list", { name: "Search results" });
    await results.getByRole("link", { name: `Visible ${word}` }).waitFor();
    expect(await results.getByRole("listitem").count()).toBe(1);
    const suggest = await (await page.request.get(`/kb/suggest?q=${word}`)).json();
    expect(suggest.articles.map((a: { id: number }) => a.id)).toEqual([visible.id]);
    await page.goto("/kb");
    expect(await page.getByText(/Internal /).count()).toBe(0);

    const desk = await newPage(browser);
    await signInStaff(desk, admin.username, admin.password);
    expect((await desk.goto(await pathOf(staffOnly.id)))?.status()).toBe(200);
    await desk.getByText("Staff only", { exact: true }).first().waitFor();
    expect((await desk.goto(`/kb/categories/${nested.id}`))?.status()).toBe(200);
    expect((await desk.request.get(`/kb/attachments/${file!.id}`)).status()).toBe(200);
    await desk.goto(`/agent/kb?q=${word}`);
    for (const title of [`Staff only ${word}`, `In a staff category ${word}`, `Draft ${word}`, `Visible ${word}`]) await desk.getByRole("link", { name: title }).waitFor();

    // The admin's Knowledge base settings reach the portal: no popular list, one article per page.
    await desk.goto("/admin/settings/kb");
    await desk.getByLabel("Articles per page").fill("1");
    await desk.getByRole("button", { name: "Save" }).click();
    await desk.getByText("Articles per page: at least 5.").waitFor();
    expect(await desk.getByLabel("Articles per page").inputValue()).toBe("1");
    await desk.getByLabel("Articles per page").fill("5");
    await desk.getByLabel("Popular articles on the help center home").fill("0");
    await desk.getByRole("button", { name: "Save" }).click();
    await desk.getByText("Settings saved.").waitFor();
    await shootBoth(desk, "kb-admin-settings");
    await page.goto("/kb");
    await page.getByRole("heading", { name: "Latest articles" }).waitFor();
    expect(await page.getByRole("heading", { name: "Popular articles" }).count()).toBe(0);
  });

  it("a customer typing a ticket subject sees matching public articles; an agent inserts an article link into a reply", async () => {
    const admin = await makeStaff({ role: "admin" });
    const word = unique("nebula").toLowerCase();
    const category = await saveCategory(admin.actor, null, { name: unique("Help "), description: "", parentId: null, isPublic: true });
    const write = (title: string, isPublic: boolean) =>
      saveArticle(admin.actor, null, { title, categoryId: category.id, isPublic, status: "published", format: "markdown", body: `Fixing ${word} sync.` });
    const shown = await write(`Fix ${word} sync errors`, true);
    await write(`Internal ${word} runbook`, false);
    const department = await makeDepartment();

    const visitor = await newPage(browser);
    await visitor.goto("/open");
    await visitor.getByLabel("Subject").pressSequentially(`${word} sync fails`, { delay: 20 });
    const suggestions = visitor.getByRole("list", { name: "Suggested articles" });
    await suggestions.getByRole("link", { name: `Fix ${word} sync errors` }).waitFor();
    // Other articles may share "sync"; the staff-only one is never suggested.
    expect(await suggestions.getByRole("link", { name: `Internal ${word} runbook` }).count()).toBe(0);
    expect(await visitor.getByLabel("Subject").inputValue()).toBe(`${word} sync fails`);
    await shootBoth(visitor, "kb-open-suggestions");

    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id, subject: `${word} is broken` });
    const desk = await newPage(browser);
    await signInStaff(desk, agent.username, agent.password);
    await desk.goto(`/agent/tickets/${ticket.id}`);
    await desk.getByLabel("Your reply").fill("Hello, this should help:");
    await desk.getByRole("button", { name: "Insert article link" }).click();
    await desk.getByLabel("Search the knowledge base").fill(word);
    const picks = desk.getByRole("list", { name: "Articles to link" });
    await picks.getByRole("button", { name: `Fix ${word} sync errors` }).waitFor();
    await shootBoth(desk, "kb-reply-link-picker");
    await picks.getByRole("button", { name: `Fix ${word} sync errors` }).click();
    const [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, shown.id));
    const url = `${process.env.APP_URL}${articlePath(row!)}`;
    expect(await desk.getByLabel("Your reply").inputValue()).toBe(`Hello, this should help: Fix ${word} sync errors: ${url}`);
    await desk.getByRole("button", { name: "Send reply" }).click();
    await desk.getByText(url).first().waitFor();
    const replies = await db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticket.id));
    expect(replies.some((m) => m.body.includes(url))).toBe(true);
  });
});
