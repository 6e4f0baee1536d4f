// Cross-site request forgery and the page security headers, against the production build.
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { baseUrl, launchBrowser, newPage } from "../../support/browser";
import { makeCustomer, makeDepartment, makeStaff, makeTicket } from "../../support/factories";
import { request, signInOverHttp } from "../../support/http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("cross-site requests", () => {
  it("a server action replayed from another origin changes nothing", async () => {
    const customer = await makeCustomer();
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByLabel("Email address").fill(customer.email);
    await page.getByLabel("Password").fill(customer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account/tickets");
    await page.goto("/account/profile");
    // Hydrated first: a fill that lands before hydration was kept beside the server-rendered name.
    await page.waitForLoadState("networkidle");

    // Capture the real action request our own page sends, then replay it as a forged cross-site post.
    const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await page.getByLabel("Name").fill("Changed By Our Page");
    await page.getByRole("button", { name: "Save profile" }).click();
    const action = await sent;
    await page.getByText(/saved|updated/i).first().waitFor();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    const forgedBody = (action.postData() ?? "").replace("Changed By Our Page", "Changed By Evil Site");
    expect(forgedBody).toContain("Changed By Evil Site");
    const forged = await fetch(`${baseUrl()}/account/profile`, {
      method: "POST",
      redirect: "manual",
      headers: { ...action.headers(), cookie, origin: "https://evil.example", host: new URL(baseUrl()).host },
      body: forgedBody,
    });
    expect(forged.ok).toBe(false);
    const [row] = await db.select({ fullname: users.fullname }).from(users).where(eq(users.id, customer.id));
    expect(row?.fullname).toBe("Changed By Our Page");
  });

  it("the cookie-authenticated presence heartbeat refuses posts from other origins and posts without one", async () => {
    const department = await makeDepartment();
    const agent = await makeStaff({ departmentIds: [department.id] });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    const session = await signInOverHttp("staff", { login: agent.username, password: agent.password });
    const post = (origin?: string) =>
      request(`/agent/tickets/${ticket.id}/presence`, session, { method: "POST", headers: origin ? { origin } : {} });

    expect((await post("https://evil.example")).status).toBe(403);
    expect((await post()).status).toBe(403);
    const ours = await post(new URL(baseUrl()).origin);
    expect(ours.status).toBe(200);
    expect(await ours.json()).toEqual({ viewers: [] });
  });
});

describe("security headers", () => {
  it("pages carry a nonce-based Content-Security-Policy, a fresh nonce each time, and the page still runs", async () => {
    const first = await request("/login", null);
    const second = await request("/login", null);
    const policy = first.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    const html = await first.text();
    // Every script tag of the page carries the nonce; none runs without it.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    for (const name of ["x-content-type-options", "referrer-policy", "x-frame-options"]) expect(first.headers.get(name)).toBeTruthy();
    expect(first.headers.get("referrer-policy")).toBe("same-origin");

    // In Chromium the policy is enforced and the page's own scripts still work (hydrated form: the
    // browser-side validation message appears without a round trip).
    const page = await newPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/enter your email|valid email/i).first().waitFor();
    expect(violations).toEqual([]);
  });

  it("the token API and downloads answer with nosniff too", async () => {
    const response = await request("/api/health", null);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
