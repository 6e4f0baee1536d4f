import { describe, expect, it } from "vitest";
import { articleIdFromRef, excerptAround, highlightSegments, renderArticleBody, searchTerms, slugify } from "@/lib/kb/text";

describe("knowledge-base text", () => {
  it("renders Markdown to sanitised HTML and plain text, dropping scripts and event handlers", () => {
    const { html, text } = renderArticleBody("markdown", '# Title\n\nSome **bold** [link](javascript:alert(1)).\n\n<script>alert(1)</script><img src="a.png" onerror="x()">');
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toMatch(/script|onerror|javascript:/i);
    expect(text).toContain("Some bold link.");
  });

  it("sanitises rich text (HTML) the same way", () => {
    const { html } = renderArticleBody("html", '<p style="color:red" onclick="x()">Hi <iframe src="https://evil.test"></iframe></p>');
    expect(html).toBe("<p>Hi </p>");
  });

  it("makes slugs and reads the id back from an article address", () => {
    expect(slugify("Réinitialiser  le mot de passe!")).toBe("reinitialiser-le-mot-de-passe");
    expect(slugify("!!!")).toBe("article");
    expect(articleIdFromRef("42-reset-password")).toBe(42);
    expect(articleIdFromRef("42")).toBe(42);
    expect(articleIdFromRef("x42")).toBeNull();
    expect(articleIdFromRef("0-zero")).toBeNull();
  });

  it("extracts search words and marks whole-word matches without letting markup through", () => {
    expect(searchTerms("Reset the PASSWORD, reset! a")).toEqual(["reset", "the", "password"]);
    const segments = highlightSegments("<b>Reset</b> your password; passwords differ", ["password", "reset"]);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["Reset", "password"]);
    expect(segments.map((s) => s.text).join("")).toBe("<b>Reset</b> your password; passwords differ");
    expect(highlightSegments("a+b", ["a+b"])).toEqual([{ text: "a+b", match: true }]);
  });

  it("cuts an excerpt around the first match at word boundaries", () => {
    const text = `${"lorem ipsum ".repeat(40)}the invoice is ready ${"dolor sit ".repeat(40)}`;
    const excerpt = excerptAround(text, ["invoice"], 80);
    expect(excerpt).toMatch(/^… /);
    expect(excerpt).toContain("invoice");
    expect(excerpt.length).toBeLessThanOrEqual(90);
    expect(excerptAround("short text", ["x"], 80)).toBe("short text");
  });
});
