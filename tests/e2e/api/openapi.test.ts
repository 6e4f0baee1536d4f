import { describe, expect, it } from "vitest";
import { baseUrl } from "./support";

/** Every route the API tests call, as method and OpenAPI path template. */
const testedRoutes = [
  "get /api/users",
  "post /api/users",
  "post /api/users/create",
  "get /api/users/show/{id}",
  "get /api/users/{id}",
  "post /api/users/update/{id}",
  "post /api/users/delete/{id}",
  "get /api/departments",
  "post /api/departments",
  "post /api/departments/create",
  "get /api/departments/show/{id}",
  "get /api/departments/{id}",
  "post /api/departments/update/{id}",
  "post /api/departments/delete/{id}",
  "get /api/tickets",
  "post /api/tickets",
  "post /api/tickets/create",
  "get /api/tickets/show/{id}",
  "get /api/tickets/{id}",
  "post /api/tickets/update/{id}",
  "post /api/tickets/delete/{id}",
  "get /api/messages",
  "post /api/messages",
  "post /api/messages/create",
  "get /api/messages/show/{ticket_id}",
  "get /api/messages/{ticket_id}",
  "get /api/attachments",
  "get /api/attachments/show/{id}",
  "get /api/attachments/{id}",
  "post /api/attachments/delete/{id}",
  "get /api/staff",
  "get /api/staff/show/{id}",
  "get /api/staff/{id}",
  "post /api/staff/auth",
  "post /api/mail",
  "post /api/mail/create",
];

describe("token API: OpenAPI description", () => {
  it("is served at /api/openapi.json without a token, as OpenAPI 3.1 with the Token header scheme", async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.token).toEqual({ type: "apiKey", in: "header", name: "Token" });
  });

  it("describes every route the tests exercise, and nothing else", async () => {
    const doc = await (await fetch(`${baseUrl}/api/openapi.json`)).json();
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(described.sort()).toEqual([...testedRoutes].sort());
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      // The mail door takes a raw message: it can also be too large or of the wrong type.
      const statuses = path.startsWith("/api/mail") ? ["200", "400", "413", "415", "429", "503"] : ["200", "400", "429", "503"];
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).toEqual(statuses);
    }
  });
});
