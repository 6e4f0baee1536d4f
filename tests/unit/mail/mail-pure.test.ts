import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { sanitizeMailHtml, splitQuotedText } from "@/lib/mail/html";
import { renderTemplate } from "@/lib/mail/templates";

describe("secrets at rest", () => {
  it("round-trips, uses a fresh IV each time, and refuses tampered values", () => {
    const a = encryptSecret("smtp password ü");
    const b = encryptSecret("smtp password ü");
    expect(a).not.toBe(b);
    expect(a).not.toContain("password");
    expect(decryptSecret(a)).toBe("smtp password ü");
    const bytes = Buffer.from(a.slice(3), "base64");
    bytes[bytes.length - 1] ^= 1;
    expect(() => decryptSecret(`v1:${bytes.toString("base64")}`)).toThrow();
  });
});

describe("templates", () => {
  it("escapes placeholder values in the HTML part only, and keeps the subject on one line", () => {
    const out = renderTemplate(
      {
        subject: "[#{{ticket.id}}] {{ticket.subject}}",
        body: "Hi {{customer.name}},\n{{message}}\n{{ticket.link}} {{unknown}}",
      },
      {
        "ticket.id": 7,
        "ticket.subject": "a\r\nb <i>",
        "customer.name": "<script>x</script>",
        message: "1 < 2 & 3",
        "ticket.link": "https://h.test/t/abc?x=1&y=2",
      },
    );
    expect(out.subject).toBe("[#7] a b <i>");
    expect(out.text).toBe("Hi <script>x</script>,\n1 < 2 & 3\nhttps://h.test/t/abc?x=1&y=2 ");
    expect(out.html).toContain("Hi &lt;script&gt;x&lt;/script&gt;,");
    expect(out.html).toContain("1 &lt; 2 &amp; 3");
    expect(out.html).toContain('<a href="https://h.test/t/abc?x=1&amp;y=2">');
    expect(out.html).not.toContain("<script>");
  });
});

describe("mail HTML", () => {
  it("keeps cid and data images, defers remote ones", () => {
    const html = sanitizeMailHtml(
      '<img src="cid:a@b"><img src="data:image/png;base64,AA=="><img src="//t.example/p.gif">',
    );
    expect(html).toContain('src="cid:a@b"');
    expect(html).toContain('src="data:image/png;base64,AA=="');
    expect(html).toContain('data-remote-src="//t.example/p.gif"');
  });

  it("splits quoted history from a reply", () => {
    const { body, quoted } = splitQuotedText(
      "Thanks, it works.\n\nOn Mon, 1 Jan 2026, Help Desk wrote:\n> Try again\n> please",
    );
    expect(body).toBe("Thanks, it works.");
    expect(quoted).toContain("> Try again");
  });
});
