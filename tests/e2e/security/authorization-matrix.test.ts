// The authorization matrix: every door of the app (each page and route handler found under app/) tried
// as every kind of principal, with the outcome each must get. A route that is not in the matrix fails
// the test, so a new door cannot ship without saying who may use it.
import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachments, feedbackItems, kbAttachments, organizations } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actors";
import { saveCannedResponse } from "@/lib/canned/manage";
import { moderateFeedback, saveFeedbackCategory, submitFeedback } from "@/lib/feedback/manage";
import { saveSettings } from "@/lib/settings";
import { saveArticle, saveCategory } from "@/lib/kb/manage";
import { createTicket } from "@/lib/tickets/create";
import { makeCustomer, makeDepartment, makeStaff, unique } from "../../support/factories";
import { baseUrl } from "../../support/browser";
import { request, signInOverHttp, type Session } from "../../support/http";
import { makeEmailAddress } from "../../support/mail";
import { makeApiKey } from "../api/support";

const principals = ["guest", "owner", "orgMember", "stranger", "agentIn", "agentOut", "admin"] as const;
type Principal = (typeof principals)[number];
/** ok: served (2xx, or sent somewhere other than a sign-in page). no: 404/401/403, or sent to sign in. */
type Outcome = "ok" | "no";

type Fixture = {
  ticketId: number;
  apiKeyId: number;
  emailAddressId: number;
  agentInId: number;
  personalCannedId: number;
  articleRef: string;
  staffArticleRef: string;
  kbCategoryId: number;
  staffKbCategoryId: number;
  kbAttachmentId: number;
  staffKbAttachmentId: number;
  publicToken: string;
  attachmentId: number;
  ownerId: number;
  organizationId: number;
  departmentId: number;
  feedbackId: number;
  pendingFeedbackId: number;
  hiddenFeedbackId: number;
  feedbackCategoryId: number;
};

type Door = {
  /** The request path with the route's parameters filled in. */
  url: (fx: Fixture) => string;
  method?: "GET" | "POST";
  /** Who gets "ok"; everyone else gets "no". "everyone" for public doors. */
  allow: readonly Principal[] | "everyone";
  /** Statuses that also mean "refused" here (HelpDeskZ's API answers failed authentication with 400). */
  refusedWith?: number[];
};

const customers = ["owner", "orgMember", "stranger"] as const;
const ticketCustomers = ["owner", "orgMember"] as const;
const staffAll = ["agentIn", "agentOut", "admin"] as const;
const ticketStaff = ["agentIn", "admin"] as const;
const bogusToken = "x".repeat(43);

// Keys are routes as written under app/ with route groups removed; a route may have several doors.
const matrix: Record<string, Door | Door[]> = {
  // Public portal and sign-in doors.
  "/": { url: () => "/", allow: "everyone" },
  "/open": { url: () => "/open", allow: "everyone" },
  "/open/submitted": { url: (fx) => `/open/submitted?ticket=${fx.ticketId}`, allow: "everyone" },
  "/login": { url: () => "/login", allow: "everyone" },
  "/register": { url: () => "/register", allow: "everyone" },
  "/forgot-password": { url: () => "/forgot-password", allow: "everyone" },
  "/agent/login": { url: () => "/agent/login", allow: "everyone" },
  "/setup": { url: () => "/setup", allow: [] }, // set up already: everyone is sent to sign in
  // Token doors with a token that matches nothing: a page that says so, and nothing else.
  "/confirm-email/[token]": { url: () => `/confirm-email/${bogusToken}`, allow: "everyone" },
  "/reset-password/[token]": { url: () => `/reset-password/${bogusToken}`, allow: "everyone" },
  "/invite/[token]": { url: () => `/invite/${bogusToken}`, allow: "everyone" },
  // The ticket link: whoever holds it sees the ticket (replying needs a confirmed email, tested elsewhere).
  "/t/[token]": { url: (fx) => `/t/${fx.publicToken}`, allow: "everyone" },
  "/t/[token]/attachments/[id]": { url: (fx) => `/t/${fx.publicToken}/attachments/${fx.attachmentId}`, allow: "everyone" },
  // Private portal.
  "/account/tickets": { url: () => "/account/tickets", allow: customers },
  "/account/tickets/[id]": { url: (fx) => `/account/tickets/${fx.ticketId}`, allow: ticketCustomers },
  "/account/profile": { url: () => "/account/profile", allow: customers },
  "/attachments/[id]": { url: (fx) => `/attachments/${fx.attachmentId}`, allow: [...ticketCustomers, ...ticketStaff] },
  // Agent interface.
  "/agent": { url: () => "/agent", allow: staffAll },
  "/agent/dashboard": { url: () => "/agent/dashboard", allow: staffAll },
  "/agent/profile": { url: () => "/agent/profile", allow: staffAll },
  "/agent/two-factor": { url: () => "/agent/two-factor", allow: staffAll },
  "/agent/tickets/new": { url: () => "/agent/tickets/new", allow: staffAll },
  "/agent/tickets/[id]": { url: (fx) => `/agent/tickets/${fx.ticketId}`, allow: ticketStaff },
  "/agent/tickets/[id]/presence": { url: (fx) => `/agent/tickets/${fx.ticketId}/presence`, method: "POST", allow: ticketStaff },
  "/agent/customers": { url: () => "/agent/customers", allow: staffAll },
  "/agent/customers/[id]": { url: (fx) => `/agent/customers/${fx.ownerId}`, allow: staffAll },
  "/agent/canned": { url: () => "/agent/canned", allow: staffAll },
  "/agent/canned/[id]": [
    { url: () => "/agent/canned/new", allow: staffAll },
    // Personal: only its owner, not even an admin.
    { url: (fx) => `/agent/canned/${fx.personalCannedId}`, allow: ["agentIn"] },
  ],
  "/agent/organizations": { url: () => "/agent/organizations", allow: staffAll },
  "/agent/organizations/new": { url: () => "/agent/organizations/new", allow: staffAll },
  "/agent/organizations/[id]": { url: (fx) => `/agent/organizations/${fx.organizationId}`, allow: staffAll },
  // Admin area: admins only; agents get 404 like everything they may not see.
  "/admin": { url: () => "/admin", allow: ["admin"] },
  "/admin/api-keys": { url: () => "/admin/api-keys", allow: ["admin"] },
  "/admin/api-keys/new": { url: () => "/admin/api-keys/new", allow: ["admin"] },
  "/admin/api-keys/[id]": { url: (fx) => `/admin/api-keys/${fx.apiKeyId}`, allow: ["admin"] },
  "/admin/audit": { url: () => "/admin/audit", allow: ["admin"] },
  "/admin/canned": { url: () => "/admin/canned", allow: ["admin"] },
  "/admin/canned/[id]": { url: () => "/admin/canned/new", allow: ["admin"] },
  "/admin/custom-fields": { url: () => "/admin/custom-fields", allow: ["admin"] },
  "/admin/custom-fields/[id]": { url: () => "/admin/custom-fields/new", allow: ["admin"] },
  "/admin/departments": { url: () => "/admin/departments", allow: ["admin"] },
  "/admin/departments/new": { url: () => "/admin/departments/new", allow: ["admin"] },
  "/admin/departments/[id]": { url: (fx) => `/admin/departments/${fx.departmentId}`, allow: ["admin"] },
  "/admin/email": { url: () => "/admin/email", allow: ["admin"] },
  "/admin/email/new": { url: () => "/admin/email/new", allow: ["admin"] },
  "/admin/email/[id]": { url: (fx) => `/admin/email/${fx.emailAddressId}`, allow: ["admin"] },
  "/admin/email/outbox": { url: () => "/admin/email/outbox", allow: ["admin"] },
  "/admin/priorities": { url: () => "/admin/priorities", allow: ["admin"] },
  "/admin/priorities/[id]": { url: () => "/admin/priorities/new", allow: ["admin"] },
  "/admin/settings": { url: () => "/admin/settings", allow: ["admin"] },
  "/admin/settings/[section]": { url: () => "/admin/settings/tickets", allow: ["admin"] },
  "/admin/staff": { url: () => "/admin/staff", allow: ["admin"] },
  "/admin/staff/new": { url: () => "/admin/staff/new", allow: ["admin"] },
  "/admin/staff/[id]": { url: (fx) => `/admin/staff/${fx.agentInId}`, allow: ["admin"] },
  "/admin/templates": { url: () => "/admin/templates", allow: ["admin"] },
  "/admin/templates/[event]": { url: () => "/admin/templates/new_ticket_customer", allow: ["admin"] },
  // Route handlers of the platform.
  "/api/health": { url: () => "/api/health", allow: "everyone" },
  "/api/openapi.json": { url: () => "/api/openapi.json", allow: "everyone" },
  "/api/auth/[...nextauth]": { url: () => "/api/auth/session", allow: "everyone" },
  // The token API never accepts a browser session: without a Token header everyone is refused, the MTA's
  // mail door (POST /api/mail) included.
  "/api/[...path]": [
    { url: (fx) => `/api/tickets/${fx.ticketId}`, allow: [], refusedWith: [400] },
    { url: () => "/api/mail", method: "POST", allow: [], refusedWith: [400] },
  ],
  // Knowledge base: public articles for everyone; staff-only categories, articles and files for staff.
  "/kb": { url: () => "/kb", allow: "everyone" },
  "/kb/search": { url: () => "/kb/search?q=matrix", allow: "everyone" },
  "/kb/suggest": { url: () => "/kb/suggest?q=matrix", allow: "everyone" },
  "/kb/categories/[id]": [
    { url: (fx) => `/kb/categories/${fx.kbCategoryId}`, allow: "everyone" },
    { url: (fx) => `/kb/categories/${fx.staffKbCategoryId}`, allow: staffAll },
  ],
  "/kb/articles/[ref]": [
    { url: (fx) => `/kb/articles/${fx.articleRef}`, allow: "everyone" },
    { url: (fx) => `/kb/articles/${fx.staffArticleRef}`, allow: staffAll },
  ],
  "/kb/attachments/[id]": [
    { url: (fx) => `/kb/attachments/${fx.kbAttachmentId}`, allow: "everyone" },
    { url: (fx) => `/kb/attachments/${fx.staffKbAttachmentId}`, allow: staffAll },
  ],
  "/agent/kb": { url: () => "/agent/kb", allow: staffAll },
  "/agent/kb/articles/new": { url: () => "/agent/kb/articles/new", allow: staffAll },
  "/agent/kb/articles/[id]": { url: (fx) => `/agent/kb/articles/${Number.parseInt(fx.staffArticleRef)}`, allow: staffAll },
  "/agent/kb/categories": { url: () => "/agent/kb/categories", allow: staffAll },
  "/agent/kb/categories/new": { url: () => "/agent/kb/categories/new", allow: staffAll },
  "/agent/kb/categories/[id]": { url: (fx) => `/agent/kb/categories/${fx.staffKbCategoryId}`, allow: staffAll },
  "/agent/kb/links": { url: () => "/agent/kb/links?q=matrix", allow: staffAll },
  // Feedback (switched on, guests may read): published items for everyone; an item awaiting approval for
  // its author and staff; a hidden one for staff only. Submitting needs a customer account.
  "/feedback": { url: () => "/feedback?q=matrix", allow: "everyone" },
  "/feedback/new": { url: () => "/feedback/new", allow: customers },
  "/feedback/[id]": [
    { url: (fx) => `/feedback/${fx.feedbackId}`, allow: "everyone" },
    { url: (fx) => `/feedback/${fx.pendingFeedbackId}`, allow: ["owner", ...staffAll] },
    { url: (fx) => `/feedback/${fx.hiddenFeedbackId}`, allow: staffAll },
  ],
  // The signed token is the credential: a token that names nobody gets a page that says so.
  "/feedback/unsubscribe/[token]": { url: () => `/feedback/unsubscribe/1.${"A".repeat(43)}`, allow: "everyone" },
  "/agent/feedback": { url: () => "/agent/feedback", allow: staffAll },
  "/agent/feedback/[id]": { url: (fx) => `/agent/feedback/${fx.hiddenFeedbackId}`, allow: staffAll },
  "/agent/feedback/categories": { url: () => "/agent/feedback/categories", allow: staffAll },
  "/agent/feedback/categories/new": { url: () => "/agent/feedback/categories/new", allow: staffAll },
  "/agent/feedback/categories/[id]": { url: (fx) => `/agent/feedback/categories/${fx.feedbackCategoryId}`, allow: staffAll },
};

/** Doors whose answer does not depend on the caller at all (the same for everyone, whatever it is). */
const sameForEveryone: Record<string, Door> = {
  "/branding/logo": { url: () => "/branding/logo", allow: "everyone" },
};

/** Every page.tsx and route.ts under app/, as its URL pattern (route groups removed). */
function appRoutes(): string[] {
  const root = path.resolve("app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.(tsx|ts)$/.test(entry.name)) {
        const segments = path.relative(root, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(root);
  return [...new Set(found)].sort();
}

const isSignInRedirect = (location: string | null) => !!location && /\/(agent\/)?login(\?|$)/.test(new URL(location, "http://x").pathname + "?");

async function outcomeOf(response: Response, refusedWith: number[] = []): Promise<Outcome> {
  const status = response.status;
  await response.arrayBuffer();
  if (status >= 500) throw new Error(`answered ${status}`);
  if (refusedWith.includes(status)) return "no";
  if (status >= 300 && status < 400) return isSignInRedirect(response.headers.get("location")) ? "no" : "ok";
  if (status === 404 || status === 401 || status === 403) return "no";
  if (status >= 200 && status < 300) return "ok";
  throw new Error(`unexpected status ${status}`);
}

/** A public and a staff-only category, each with a published article carrying a file. */
async function makeKnowledgeBase(author: StaffActor) {
  const pdf = () => [{ filename: "guide.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.4 kb") }];
  const article = (categoryId: number, isPublic: boolean) =>
    saveArticle(
      author,
      null,
      { title: unique("Matrix article "), categoryId, format: "markdown", body: "How to **reset** things.", status: "published", isPublic },
      { files: pdf() },
    );
  const category = await saveCategory(author, null, { name: unique("Public "), description: "", parentId: null, isPublic: true });
  const staffCategory = await saveCategory(author, null, { name: unique("Internal "), description: "", parentId: null, isPublic: false });
  const [open, internal] = [await article(category.id, true), await article(staffCategory.id, false)];
  const fileOf = async (articleId: number) =>
    (await db.select({ id: kbAttachments.id }).from(kbAttachments).where(eq(kbAttachments.articleId, articleId)))[0]!.id;
  return {
    articleRef: String(open.id),
    staffArticleRef: String(internal.id),
    kbCategoryId: category.id,
    staffKbCategoryId: staffCategory.id,
    kbAttachmentId: await fileOf(open.id),
    staffKbAttachmentId: await fileOf(internal.id),
  };
}

let fx: Fixture;
const sessions = {} as Record<Principal, Session | null>;

beforeAll(async () => {
  const [organization] = await db.insert(organizations).values({ name: unique("Acme "), sharesTickets: true }).$returningId();
  const department = await makeDepartment();
  const otherDepartment = await makeDepartment();
  const [owner, orgMember, stranger] = await Promise.all([
    makeCustomer({ organizationId: organization!.id }),
    makeCustomer({ organizationId: organization!.id }),
    makeCustomer(),
  ]);
  const [agentIn, agentOut, admin] = await Promise.all([
    makeStaff({ departmentIds: [department.id] }),
    makeStaff({ departmentIds: [otherDepartment.id] }),
    makeStaff({ role: "admin" }),
  ]);
  const ticket = await createTicket({
    requester: { userId: owner.id },
    departmentId: department.id,
    subject: unique("Matrix "),
    message: "A ticket every principal tries to reach.",
    source: "api",
    openedBy: { type: "api" },
    files: [{ filename: "invoice.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.4 matrix") }],
  });
  const [file] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.ticketId, ticket.id));
  const kb = await makeKnowledgeBase(admin.actor);
  const canned = await saveCannedResponse({ staffId: agentIn.id }, null, { title: unique("Mine "), body: "Personal answer." });
  const [apiKey, emailAddress] = await Promise.all([makeApiKey(), makeEmailAddress({ departmentId: department.id, smtpPort: 9 })]);
  await saveSettings({ feedbackEnabled: true, feedbackGuestsCanRead: true });
  const feedbackCategory = await saveFeedbackCategory(admin.actor, null, { name: unique("Matrix ideas "), description: "" });
  const idea = (title: string) =>
    submitFeedback(owner.actor, { kind: "idea", title: unique(title), description: "An idea every principal tries to reach.", categoryId: feedbackCategory.id });
  const [feedback, pendingFeedback, hiddenFeedback] = [await idea("Matrix idea "), await idea("Matrix pending "), await idea("Matrix hidden ")];
  await db.update(feedbackItems).set({ visibility: "pending" }).where(eq(feedbackItems.id, pendingFeedback.id));
  await moderateFeedback(admin.actor, hiddenFeedback.id, "hidden");
  fx = {
    ...kb,
    apiKeyId: apiKey.id,
    emailAddressId: emailAddress.id,
    agentInId: agentIn.id,
    personalCannedId: canned.id,
    ticketId: ticket.id,
    publicToken: ticket.publicToken,
    attachmentId: file!.id,
    ownerId: owner.id,
    organizationId: organization!.id,
    departmentId: department.id,
    feedbackId: feedback.id,
    pendingFeedbackId: pendingFeedback.id,
    hiddenFeedbackId: hiddenFeedback.id,
    feedbackCategoryId: feedbackCategory.id,
  };
  sessions.guest = null;
  [sessions.owner, sessions.orgMember, sessions.stranger, sessions.agentIn, sessions.agentOut, sessions.admin] = await Promise.all([
    signInOverHttp("customer", { email: owner.email, password: owner.password }),
    signInOverHttp("customer", { email: orgMember.email, password: orgMember.password }),
    signInOverHttp("customer", { email: stranger.email, password: stranger.password }),
    signInOverHttp("staff", { login: agentIn.username, password: agentIn.password }),
    signInOverHttp("staff", { login: agentOut.username, password: agentOut.password }),
    signInOverHttp("staff", { login: admin.username, password: admin.password }),
  ]);
});

describe("authorization matrix", () => {
  it("covers every page and route handler of the app", () => {
    const known = new Set([...Object.keys(matrix), ...Object.keys(sameForEveryone)]);
    const missing = appRoutes().filter((route) => !known.has(route));
    expect(missing, "add these routes to the authorization matrix").toEqual([]);
    const stale = [...known].filter((route) => !appRoutes().includes(route));
    expect(stale, "these matrix entries no longer exist under app/").toEqual([]);
  });

  const doors = Object.entries(matrix).flatMap(([route, door]) =>
    (Array.isArray(door) ? door : [door]).map((one, index) => [index ? `${route} (door ${index + 1})` : route, one] as const),
  );
  it.each(doors)("%s answers each principal as it should", async (_route, door) => {
    const seen = {} as Record<Principal, Outcome>;
    const expected = {} as Record<Principal, Outcome>;
    for (const principal of principals) {
      // Posts come from our own pages (the cross-site case is tested apart).
      const headers: Record<string, string> = door.method === "POST" ? { origin: new URL(baseUrl()).origin } : {};
      const response = await request(door.url(fx), sessions[principal], { method: door.method ?? "GET", headers });
      seen[principal] = await outcomeOf(response, door.refusedWith);
      expected[principal] = door.allow === "everyone" || door.allow.includes(principal) ? "ok" : "no";
    }
    expect(seen).toEqual(expected);
  });

  it.each(Object.entries(sameForEveryone))("%s answers everyone alike", async (_route, door) => {
    const statuses = new Set<number>();
    for (const principal of principals) {
      const response = await request(door.url(fx), sessions[principal]);
      await outcomeOf(response);
      statuses.add(response.status);
    }
    expect(statuses.size).toBe(1);
  });

  it("refuses the ticket link with a token that matches no ticket", async () => {
    for (const principal of principals) {
      const response = await request(`/t/${bogusToken}`, sessions[principal]);
      expect(await outcomeOf(response), principal).toBe("no");
    }
  });
});
