// Hostile mail: script in HTML, SVG with script, HTML disguised as an image, a filename made of markup.
// Stored sanitised, rendered without running anything in Chromium, downloaded as inert attachments.
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, messages } from "@/db/schema";
import { ingest } from "@/lib/mail/ingest";
import { launchBrowser, newPage, screenshot, signInStaff } from "../../support/browser";
import { makeDepartment, makeStaff, uniqueEmail } from "../../support/factories";
import { request, signInOverHttp } from "../../support/http";
import { buildRawMail, makeEmailAddress } from "../../support/mail";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CRLF = "\r\n";
const part = (headers: string, body: string | Buffer) =>
  `${headers}${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${Buffer.from(body).toString("base64")}`;

describe("hostile content from a mail sender", () => {
  it("is stored sanitised, shown inert to the agent, and downloaded as attachments", async () => {
    const department = await makeDepartment();
    const address = await makeEmailAddress({ departmentId: department.id, smtpPort: 9 });
    const agent = await makeStaff({ departmentIds: [department.id] });
    const html =
      '<p>Hello team</p><script>alert("script")</script><img src="x" onerror="alert(\'img\')">' +
      '<a href="javascript:alert(\'link\')">click</a><svg onload="alert(\'svg\')"><circle r="4"/></svg>' +
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="p"></form>' +
      '<p style="background:url(javascript:alert(1))">styled</p>';
    const markupName = '"><img src=x onerror=alert(5)>.txt';
    const boundary = "hostile-boundary";
    const raw = buildRawMail({
      from: `Mallory <${uniqueEmail("mallory")}>`,
      to: address.email,
      subject: '<img src=x onerror=alert("subject")> Invoice',
      contentType: `Content-Type: multipart/mixed; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        part("Content-Type: text/html; charset=utf-8", html),
        `--${boundary}`,
        part('Content-Type: image/svg+xml; name="logo.svg"\r\nContent-Disposition: attachment; filename="logo.svg"', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'svg file\')"><script>alert(1)</script></svg>'),
        `--${boundary}`,
        part('Content-Type: image/png; name="cat.png"\r\nContent-Disposition: attachment; filename="cat.png"', "<html><script>alert('fake png')</script></html>"),
        `--${boundary}`,
        part(`Content-Type: text/plain; name="${markupName.replace(/"/g, "'")}"\r\nContent-Disposition: attachment; filename*=utf-8''${encodeURIComponent(markupName)}`, "notes"),
        `--${boundary}--`,
        "",
      ].join(CRLF),
    });
    const result = await ingest(raw, "pipe");
    expect(result.status).toBe("stored");
    if (result.status !== "stored") return;

    // Stored: no script, no handlers, no javascript: URLs, no frames or forms.
    const [stored] = await db.select({ body: messages.body }).from(messages).where(eq(messages.id, result.messageId));
    expect(stored!.body).toContain("Hello team");
    for (const bad of ["<script", "onerror", "onload", "javascript:", "<iframe", "<form", "<svg"]) expect(stored!.body.toLowerCase()).not.toContain(bad);

    // Downloads: never rendered by the browser as the sender declared.
    const session = await signInOverHttp("staff", { login: agent.username, password: agent.password });
    const files = await db.select().from(attachments).where(eq(attachments.messageId, result.messageId));
    expect(files).toHaveLength(3);
    for (const file of files) {
      const response = await request(`/attachments/${file.id}`, session);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      if (file.filename === "notes" || file.contentType === "text/plain") continue; // plain text may show inline, as text
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    }
    expect(files.find((f) => f.filename === "cat.png")?.contentType).toBe("application/octet-stream");
    expect(files.some((f) => !/[<>"]/.test(f.filename) && f.filename.endsWith(".txt"))).toBe(true);

    // The agent's page in Chromium: nothing runs, nothing is fetched from elsewhere.
    const page = await newPage(browser);
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(new URL(process.env.APP_URL!).origin) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    await signInStaff(page, agent.username, agent.password);
    await page.goto(`/agent/tickets/${result.ticketId}`);
    await page.getByText("Hello team").waitFor();
    await page.getByText("styled").waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, "security-hostile-mail-agent");
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
