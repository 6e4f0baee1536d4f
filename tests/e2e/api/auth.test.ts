import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { regenerateApiKey, setApiKeyActive } from "@/lib/api-keys";
import { call, expectError, expectSuccess, get, makeApiKey, post } from "./support";

describe("token API: authentication, IP allow-list, permissions, rate limit", () => {
  it("refuses a request without a Token header with HTTP 400 and HelpDeskZ's message", async () => {
    expectError(await get("/api/departments", null), 400, "Invalid authentication.");
  });

  it("refuses an unknown token", async () => {
    expectError(await get("/api/departments", "hdk_not-a-real-token"), 400, "Invalid authentication.");
  });

  it("refuses an inactive key, and accepts it again once reactivated", async () => {
    const key = await makeApiKey({ active: false });
    expectError(await get("/api/departments", key.token), 400, "Invalid authentication.");
    await setApiKeyActive(key.id, true);
    expectSuccess(await get("/api/departments", key.token));
  });

  it("stops accepting the old token once the key is regenerated", async () => {
    const key = await makeApiKey();
    const fresh = await regenerateApiKey(key.id);
    expectError(await get("/api/departments", key.token), 400, "Invalid authentication.");
    expectSuccess(await get("/api/departments", fresh.token));
  });

  it("admits callers by exact address, a.b.c.* wildcard and CIDR, and refuses others with HTTP 400", async () => {
    const key = await makeApiKey({ ipAllowlist: "203.0.113.7\n198.51.100.*\n10.20.0.0/16\n2001:db8::/32" });
    expectSuccess(await get("/api/departments", key.token, { ip: "203.0.113.7" }));
    expectSuccess(await get("/api/departments", key.token, { ip: "198.51.100.200" }));
    expectSuccess(await get("/api/departments", key.token, { ip: "10.20.255.1" }));
    expectSuccess(await get("/api/departments", key.token, { ip: "2001:db8::42" }));
    expectError(await get("/api/departments", key.token, { ip: "203.0.113.8" }), 400, "IP address `203.0.113.8 is not allowed.");
    expectError(await get("/api/departments", key.token, { ip: "10.21.0.1" }), 400, "IP address `10.21.0.1 is not allowed.");
    expectError(await get("/api/departments", key.token, { ip: "2001:db9::1" }), 400, "IP address `2001:db9::1 is not allowed.");
  });

  it("admits any caller when the allow-list is empty", async () => {
    const key = await makeApiKey({ ipAllowlist: "" });
    expectSuccess(await get("/api/departments", key.token, { ip: "192.0.2.99" }));
  });

  it("lets a read-only key read but not create, update or delete (HTTP 400, HelpDeskZ's wording)", async () => {
    const key = await makeApiKey({ permissions: ["users/read", "departments/read", "tickets/read", "messages/read", "staff/read"] });
    expectSuccess(await get("/api/users", key.token));
    expectError(await post("/api/users/create", key.token, { fullname: "A", email: "a@example.test" }), 400, "Permission not allowed: Create users.");
    expectError(await post("/api/departments", key.token, { name: "X", private: "0" }), 400, "Permission not allowed: Create departments.");
    expectError(await post("/api/tickets/create", key.token, {}), 400, "Permission not allowed: Create tickets.");
    expectError(await post("/api/tickets/update/1", key.token, {}), 400, "Permission not allowed: Update ticket status or department.");
    expectError(await post("/api/tickets/delete/1", key.token), 400, "Permission not allowed: Delete tickets.");
    expectError(await post("/api/messages/create", key.token, {}), 400, "Permission not allowed: Add a message to ticket.");
    expectError(await get("/api/attachments", key.token), 400, "Permission not allowed: Get list/details of attachments.");
    expectError(await get("/api/attachments/1", key.token), 400, "Permission not allowed: Get file content from an attachment.");
    expectError(await post("/api/staff/auth", key.token, {}), 400, "Permission not allowed: Validate staff authentication.");
  });

  it("limits requests per key with HTTP 429 in the error shape", async () => {
    const key = await makeApiKey({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expectSuccess(await get("/api/departments", key.token));
    const limited = await get("/api/departments", key.token);
    expectError(limited, 429, "Too many requests. Try again in a minute.");
    expect(limited.headers.get("retry-after")).toBe("60");
    // Another key is not affected.
    const other = await makeApiKey({ rateLimitPerMinute: 3 });
    expectSuccess(await get("/api/departments", other.token));
  });

  it("records when and from where a key was last used", async () => {
    const key = await makeApiKey();
    expectSuccess(await get("/api/departments", key.token, { ip: "192.0.2.55" }));
    let row: { lastUsedAt: Date | null; lastUsedIp: string | null } | undefined;
    for (let i = 0; i < 20; i++) {
      [row] = await db.select({ lastUsedAt: apiKeys.lastUsedAt, lastUsedIp: apiKeys.lastUsedIp }).from(apiKeys).where(eq(apiKeys.id, key.id));
      if (row?.lastUsedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row?.lastUsedIp).toBe("192.0.2.55");
    expect(Math.abs(row!.lastUsedAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("stores only the token's hash", async () => {
    const key = await makeApiKey();
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(JSON.stringify(row)).not.toContain(key.token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 404 for paths outside the API and 501 for actions a resource does not have", async () => {
    const key = await makeApiKey();
    expectError(await get("/api/nothing-here", key.token), 404, "Page not found.");
    expectError(await post("/api/staff/create", key.token, {}), 501, "Action not implemented.");
    expectError(await post("/api/attachments/update/1", key.token, {}), 501, "Action not implemented.");
  });

  it("refuses a malformed JSON body with HTTP 400", async () => {
    const key = await makeApiKey();
    const result = await call("POST", "/api/departments", {
      token: key.token,
      headers: { "Content-Type": "application/json" },
      multipart: undefined,
      json: undefined,
    });
    // An empty JSON body is simply no fields.
    expectError(result, 200, "Department name is missing. Department type is missing.");
    const response = await fetch(`${process.env.APP_URL}/api/departments`, {
      method: "POST",
      headers: { Token: key.token, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 1, message: "Request body is not valid JSON." });
  });
});
