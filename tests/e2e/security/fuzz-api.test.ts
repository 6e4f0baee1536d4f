// Fuzzes every endpoint of the token API, as listed by the OpenAPI document the app serves (a new
// endpoint is fuzzed without touching this file), with hostile values in every path, query and body
// parameter. Every answer must be HelpDeskZ's JSON shape, never a 5xx and never an SQL or stack
// fragment; afterwards the database must hold what it held.
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages, tickets } from "@/db/schema";
import { deleteDepartmentWithTickets } from "@/lib/departments/manage";
import { deleteCustomerWithTickets } from "@/lib/users/manage";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";
import {
  forUrl,
  hostileBytes,
  hostileCatalogue,
  isLiveId,
  jsonLiteral,
  leakPatterns,
  percentEncode,
  randomMixtures,
  seededRandom,
  wrongJsonTypes,
  type Hostile,
} from "../../support/hostile";
import { baseUrl, makeApiKey } from "../api/support";

type Parameter = { name: string; in: "path" | "query" | "header" };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } };
/** `alias`: the same operation is also served at another path (`R` and `R/create`, `R/show/{id}` and `R/{id}`). */
type Endpoint = { method: "GET" | "POST"; template: string; params: Parameter[]; fields: string[]; files: boolean; alias: boolean };

/** A body field's value: hostile text or bytes, or raw JSON of the wrong type (JSON bodies only). */
type FieldValue = Hostile | { label: string; json: string };
type Encoding = "form" | "json" | "multipart";
type Case = {
  label: string;
  path: Record<string, Hostile>;
  query: [string, Hostile][];
  body?: { encoding: Encoding; fields: [string, FieldValue][]; file?: { name: Hostile; type: string } };
};

const random = seededRandom(0x5eed_f022);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

let endpoints: Endpoint[] = [];
let token = "";
const ids = { user: 0, department: 0, ticket: 0, attachment: 0, staff: 0, canaryTicket: 0 };
/** Rows the fuzz may create (its valid-looking requests succeed): removed at the end. */
const created = { users: new Set<number>(), departments: new Set<number>() };
let sent = 0;
const slowest: [number, string][] = [];

const auditIp = `203.0.113.${1 + Math.floor(Math.random() * 250)}`; // documentation range: never a real client

/** A valid value for each field, so that the one hostile field is what the handler has to cope with. */
function baseline(field: string): string {
  const values: Record<string, () => string> = {
    fullname: () => "Fuzz Person",
    email: () => uniqueEmail("fuzz"),
    new_email: () => uniqueEmail("fuzz"),
    notify: () => "0",
    name: () => unique("Fuzz dept "),
    private: () => "1", // private: never offered on the portal other tests drive
    opener: () => "user",
    replier: () => "user",
    user_id: () => String(ids.user),
    staff_id: () => String(ids.staff),
    department_id: () => String(ids.department),
    ticket_id: () => String(ids.ticket),
    msg_id: () => "4294967295",
    subject: () => "Fuzz subject",
    body: () => "Fuzz body",
    message: () => "Fuzz message",
    close: () => "0",
    status: () => "4",
    username: () => "fuzz-nobody",
    password: () => "not the password",
    ip_address: () => auditIp,
    page: () => "1",
  };
  return values[field]?.() ?? "fuzz";
}

/** The record a path parameter names when it is not the one being fuzzed: the fuzz's own victims. */
function baselineId(template: string): string {
  const resource = template.split("/")[2];
  const byResource: Record<string, number> = {
    users: ids.user,
    departments: ids.department,
    tickets: ids.ticket,
    messages: ids.ticket,
    attachments: ids.attachment,
    staff: ids.staff,
  };
  return String(byResource[resource ?? ""] ?? 4294967295);
}

/** Fields that only matter with a companion value: staff_id is read when the opener/replier is staff. */
const companions: Record<string, Record<string, string>> = { staff_id: { opener: "staff", replier: "staff" } };

const text = (label: string, value: string): Hostile => ({ label, text: value });

/**
 * The values for one parameter. An alias path runs the handler already fuzzed at its twin, so it gets
 * a seeded quarter of them: enough to prove the path reaches the same checks, at a quarter of the time.
 */
function valuesFor(inUrl: boolean, alias: boolean): Hostile[] {
  const values = [...hostileCatalogue(), ...randomMixtures(random, 2)].filter((v) => !isLiveId(v) && (!alias || random() < 0.25));
  return inUrl ? values.map(forUrl) : values;
}

function casesFor(endpoint: Endpoint): Case[] {
  const pathBaseline = Object.fromEntries(
    endpoint.params.filter((p) => p.in === "path").map((p) => [p.name, text("baseline", baselineId(endpoint.template))]),
  );
  const bodyBaseline = (fuzzed?: string): [string, FieldValue][] =>
    endpoint.fields.map((f) => [f, text("baseline", (fuzzed && companions[fuzzed]?.[f]) ?? baseline(f))]);
  const encodings: Encoding[] = endpoint.files ? ["form", "json", "multipart"] : ["form", "json"];
  const withBody = () => (endpoint.method === "POST" ? { encoding: pick(encodings), fields: bodyBaseline() } : undefined);
  // The plain request, and one with a parameter the endpoint does not declare; not for a delete, whose
  // plain request would remove the victim the other endpoints work on.
  const cases: Case[] = endpoint.template.includes("/delete/")
    ? []
    : [
        { label: "baseline", path: pathBaseline, query: [], body: withBody() },
        { label: "undeclared query parameter", path: pathBaseline, query: [["id' OR '1'='1", text("sql", "' OR 1=1 --")]], body: withBody() },
      ];

  for (const param of endpoint.params) {
    if (param.in === "path") {
      // An empty segment is another URL (Next redirects "/x/" to "/x"), not a value of this parameter.
      for (const value of valuesFor(true, endpoint.alias).filter((v) => v.text !== "")) {
        cases.push({ label: `path ${param.name}=${value.label}`, path: { ...pathBaseline, [param.name]: value }, query: [], body: withBody() });
      }
    } else if (param.in === "query") {
      for (const value of valuesFor(true, endpoint.alias)) {
        cases.push({ label: `query ${param.name}=${value.label}`, path: pathBaseline, query: [[param.name, value]], body: withBody() });
      }
      const hostile = text("sql", "' OR 1=1 --");
      const valid = text("valid", baseline(param.name));
      cases.push({ label: `query ${param.name} twice (hostile first)`, path: pathBaseline, query: [[param.name, hostile], [param.name, valid]] });
      cases.push({ label: `query ${param.name} twice (hostile last)`, path: pathBaseline, query: [[param.name, valid], [param.name, hostile]] });
    }
  }

  for (const field of endpoint.fields) {
    const others = bodyBaseline(field).filter(([name]) => name !== field);
    for (const value of valuesFor(false, endpoint.alias)) {
      cases.push({ label: `body ${field}=${value.label}`, path: pathBaseline, query: [], body: { encoding: pick(encodings), fields: [...others, [field, value]] } });
    }
    for (const value of wrongJsonTypes.filter(() => !endpoint.alias || random() < 0.25)) {
      cases.push({ label: `body ${field}=${value.label}`, path: pathBaseline, query: [], body: { encoding: "json", fields: [...others, [field, value]] } });
    }
    const hostile = text("drop", '"; DROP TABLE tickets; --');
    const valid = text("valid", baseline(field));
    for (const encoding of ["form", "json"] as const) {
      cases.push({ label: `body ${field} twice (${encoding})`, path: pathBaseline, query: [], body: { encoding, fields: [...others, [field, valid], [field, hostile]] } });
    }
    cases.push({ label: `body without ${field}`, path: pathBaseline, query: [], body: { encoding: pick(encodings), fields: others } });
  }

  if (endpoint.files) {
    const names = [text("traversal", "../../../etc/passwd"), text("nul", "a\u0000.txt"), text("markup", '"><img src=x onerror=alert(1)>.txt'), text("rtl", "\u202etxt.exe"), text("long", `${"n".repeat(5000)}.txt`), text("empty", "")];
    for (const name of names) {
      cases.push({ label: `file named ${name.label}`, path: pathBaseline, query: [], body: { encoding: "multipart", fields: bodyBaseline(), file: { name, type: "text/html; charset=\"'; DROP TABLE attachments; --\"" } } });
    }
  }
  return cases;
}

function encodeBody(body: NonNullable<Case["body"]>): { contentType: string; bytes: Buffer } {
  if (body.encoding === "json") {
    const parts = body.fields.map(([name, value]) =>
      Buffer.concat([Buffer.from(`${JSON.stringify(name)}:`), "json" in value ? Buffer.from(value.json) : jsonLiteral(value)]),
    );
    return { contentType: "application/json", bytes: Buffer.concat([Buffer.from("{"), ...parts.flatMap((p, i) => (i ? [Buffer.from(","), p] : [p])), Buffer.from("}")]) };
  }
  const fields = body.fields.filter((entry): entry is [string, Hostile] => !("json" in entry[1]));
  if (body.encoding === "form") {
    const pairs = fields.map(([name, value]) => `${percentEncode(Buffer.from(name))}=${percentEncode(hostileBytes(value))}`);
    return { contentType: "application/x-www-form-urlencoded", bytes: Buffer.from(pairs.join("&")) };
  }
  const boundary = `fuzz${random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), hostileBytes(value), Buffer.from("\r\n"));
  }
  if (body.file) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment[]"; filename="`),
      hostileBytes(body.file.name),
      Buffer.from(`"\r\nContent-Type: ${body.file.type}\r\n\r\nfuzz file\r\n`),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat(chunks) };
}

function urlOf(endpoint: Endpoint, c: Case): string {
  const path = endpoint.template.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode(hostileBytes(c.path[name]!)));
  const query = c.query.map(([name, value]) => `${percentEncode(Buffer.from(name))}=${percentEncode(hostileBytes(value))}`).join("&");
  return `${baseUrl}${path}${query ? `?${query}` : ""}`;
}

/** Sends one case; returns a description of what is wrong with the answer, or null. */
async function run(endpoint: Endpoint, c: Case): Promise<string | null> {
  const headers: Record<string, string> = { Token: token };
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (c.body) {
    const encoded = encodeBody(c.body);
    headers["Content-Type"] = encoded.contentType;
    body = new Uint8Array(encoded.bytes);
  }
  const where = `${endpoint.method} ${endpoint.template} [${c.label}]`;
  sent++;
  const started = performance.now();
  let response: Response;
  let raw: string;
  try {
    // A value that makes the server spin (a backtracking regex) shows up here by name, not as a test timeout.
    response = await fetch(urlOf(endpoint, c), { method: endpoint.method, headers, body, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    raw = await response.text();
  } catch (error) {
    return `${where}: no answer (${error instanceof Error ? error.name : error})`;
  }
  slowest.push([performance.now() - started, where]);
  if (response.status >= 500) return `${where}: HTTP ${response.status} ${raw.slice(0, 200)}`;
  for (const pattern of leakPatterns) if (pattern.test(raw)) return `${where}: leaks ${pattern} in ${raw.slice(0, 300)}`;
  if (!/^application\/json/.test(response.headers.get("content-type") ?? "")) return `${where}: HTTP ${response.status} ${response.headers.get("content-type")} ${raw.slice(0, 200)}`;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `${where}: not JSON: ${raw.slice(0, 200)}`;
  }
  if (parsed.error !== undefined) {
    const shapeOk = parsed.error === 1 && typeof parsed.message === "string" && parsed.message.length > 0 && Object.keys(parsed).length === 2;
    return shapeOk ? null : `${where}: malformed error ${raw.slice(0, 200)}`;
  }
  if (parsed.success !== 1 || response.status !== 200) return `${where}: neither success nor error: HTTP ${response.status} ${raw.slice(0, 200)}`;
  // Valid-looking requests may succeed; remember what they made so that it is cleaned up.
  if (typeof parsed.user_id === "number") created.users.add(parsed.user_id);
  if (typeof parsed.department_id === "number") created.departments.add(parsed.department_id);
  return null;
}

/** Runs the cases a few at a time: the app, MariaDB and other test files share two cores. */
async function runAll(endpoint: Endpoint, cases: Case[], concurrency = 4): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const problem = await run(endpoint, c);
        if (problem) problems.push(problem);
      }
    }),
  );
  return problems;
}

async function snapshot() {
  const [tableRows] = (await db.execute(
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name`,
  )) as unknown as [{ name: string }[]];
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ids.canaryTicket));
  const thread = await db
    .select({ id: messages.id, body: messages.body, authorType: messages.authorType })
    .from(messages)
    .where(and(eq(messages.ticketId, ids.canaryTicket)))
    .orderBy(asc(messages.id));
  return { tables: tableRows.map((r) => r.name), ticket, thread };
}

let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
  const seen = new Set<string>();
  endpoints = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const signature = `${method} ${JSON.stringify(op)}`;
      const alias = seen.has(signature);
      seen.add(signature);
      return {
        alias,
        method: method.toUpperCase() as "GET" | "POST",
        template,
        params: op.parameters ?? [],
        fields: Object.keys(content["application/json"]?.schema.properties ?? {}),
        files: Object.hasOwn(content["multipart/form-data"]?.schema.properties ?? {}, "attachment[]"),
      };
    }),
  );
  token = (await makeApiKey()).token;

  // The canary: never named by any request, it must come out exactly as it went in.
  const canaryDepartment = await makeDepartment({ isPrivate: true });
  const canaryCustomer = await makeCustomer();
  ids.canaryTicket = (await makeTicket({ userId: canaryCustomer.id, departmentId: canaryDepartment.id, subject: "Canary: must not change", message: "Canary body." })).id;

  // The victims: the records the fuzz's valid-looking parts name (updated, replied to, never deleted).
  const department = await makeDepartment({ isPrivate: true });
  const customer = await makeCustomer();
  const admin = await makeStaff({ role: "admin", departmentIds: [department.id] });
  const { createTicket } = await import("@/lib/tickets/create");
  const ticket = await createTicket({
    requester: { userId: customer.id },
    departmentId: department.id,
    subject: "Fuzz victim",
    message: "Victim body.",
    files: [{ filename: "victim.txt", contentType: "text/plain", data: Buffer.from("victim file") }],
    source: "api",
    openedBy: { type: "api" },
  });
  const { attachments } = await import("@/db/schema");
  const [file] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.ticketId, ticket.id));
  Object.assign(ids, { user: customer.id, department: department.id, ticket: ticket.id, attachment: file!.id, staff: admin.id });
  before = await snapshot();
});

afterAll(async () => {
  for (const id of created.users) await deleteCustomerWithTickets(id).catch(() => undefined);
  for (const id of created.departments) await deleteDepartmentWithTickets(id).catch(() => undefined);
  if (ids.department) await deleteDepartmentWithTickets(ids.department).catch(() => undefined);
  slowest.sort((a, b) => b[0] - a[0]);
  console.log(`fuzz-api: ${sent} requests to ${endpoints.length} endpoints; slowest:\n${slowest.slice(0, 5).map(([ms, w]) => `${ms.toFixed(0)} ms ${w}`).join("\n")}`);
});

describe("token API under hostile input", () => {
  it("lists the endpoints from the served OpenAPI document", () => {
    // Guards against fuzzing nothing: the document must describe the API's routes and their inputs.
    expect(endpoints.length).toBeGreaterThanOrEqual(30);
    expect(endpoints.some((e) => e.fields.includes("subject"))).toBe(true);
    expect(endpoints.some((e) => e.files)).toBe(true);
  });

  it("answers every hostile value on every endpoint with a clean JSON success or error, never a 5xx or a leak", async () => {
    const problems: string[] = [];
    for (const endpoint of endpoints) problems.push(...(await runAll(endpoint, casesFor(endpoint))));
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  }, 150_000);

  it("stores SQL metacharacters as text and never reads LIKE wildcards as patterns", async () => {
    const headers = { Token: token, "Content-Type": "application/x-www-form-urlencoded" };
    const subject = `' OR 1=1 -- %_\\ ${unique()}`;
    const response = await fetch(`${baseUrl}/api/tickets/create`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ opener: "user", user_id: String(ids.user), department_id: String(ids.department), subject, body: '"; DROP TABLE tickets; --' }),
    });
    const { ticket_id } = (await response.json()) as { ticket_id: number };
    const shown = (await (await fetch(`${baseUrl}/api/tickets/${ticket_id}`, { headers })).json()) as { ticket: { subject: string } };
    expect(shown.ticket.subject).toBe(subject);
    const thread = (await (await fetch(`${baseUrl}/api/messages/${ticket_id}`, { headers })).json()) as { messages: { message: string }[] };
    expect(thread.messages[0]!.message).toBe('"; DROP TABLE tickets; --');

    for (const wildcard of ["%", "_", "%@%", "%example.test"]) {
      const found = await (await fetch(`${baseUrl}/api/users?email=${encodeURIComponent(wildcard)}`, { headers })).json();
      expect(found).toEqual({ error: 1, message: "User not found." });
      const staffList = await (await fetch(`${baseUrl}/api/staff?username=${encodeURIComponent(wildcard)}`, { headers })).json();
      expect(staffList).toEqual({ success: 1, users: [] });
    }
  });

  it("leaves the database as it was: tables intact, the canary ticket and its thread unchanged", async () => {
    const after = await snapshot();
    expect(after.tables).toEqual(before.tables);
    expect(after.ticket).toEqual(before.ticket);
    expect(after.thread).toEqual(before.thread);
    // The victims were worked on but never deleted: hostile ids never named a record.
    const [victim] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ids.ticket));
    expect(victim?.id).toBe(ids.ticket);
  });
});
