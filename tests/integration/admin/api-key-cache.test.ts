import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys, settings } from "@/db/schema";
import { authenticate } from "@/lib/api/context";
import { handleApiRequest } from "@/lib/api/router";
import { createApiKey, deleteApiKey, regenerateApiKey, setApiKeyActive, updateApiKey } from "@/lib/api-keys";
import { getCachedSettings, resetSettings, saveSettings } from "@/lib/settings";

// API keys and settings are cached in memory for a few seconds (lib/ttl-cache.ts); a change made
// through this process must take effect at once.

const request = (token: string, ip = "192.0.2.10") =>
  new Request("http://localhost/api/tickets", { headers: { token, "x-helpdeck-client-ip": ip } });

async function accepted(token: string, ip?: string) {
  try {
    await authenticate(request(token, ip));
    return true;
  } catch {
    return false;
  }
}

const newKey = (ipAllowlist?: string) =>
  createApiKey({ name: `cache test ${Date.now()}`, permissions: ["tickets/read"], ipAllowlist, rateLimitPerMinute: 0 });

describe("cached API keys", () => {
  it("stop working at once when deactivated, and work again at once when reactivated", async () => {
    const key = await newKey();
    expect(await accepted(key.token)).toBe(true);
    expect(await accepted(key.token)).toBe(true); // now from the cache
    await setApiKeyActive(key.id, false);
    expect(await accepted(key.token)).toBe(false);
    await setApiKeyActive(key.id, true);
    expect(await accepted(key.token)).toBe(true);
  });

  it("apply a changed IP allow-list and permissions at once", async () => {
    const key = await newKey();
    expect(await accepted(key.token, "203.0.113.9")).toBe(true);
    await updateApiKey(key.id, { name: "cache test narrowed", permissions: ["tickets/read"], ipAllowlist: "192.0.2.0/24" });
    expect(await accepted(key.token, "203.0.113.9")).toBe(false);
    expect(await accepted(key.token, "192.0.2.10")).toBe(true);

    const ctx = await authenticate(request(key.token));
    expect(() => ctx.require("users/read")).toThrow();
    await updateApiKey(key.id, { name: "cache test widened", permissions: ["tickets/read", "users/read"], ipAllowlist: "192.0.2.0/24" });
    const fresh = await authenticate(request(key.token));
    expect(() => fresh.require("users/read")).not.toThrow();
  });

  it("refuse the old token at once after a regenerate, and any token of a deleted key", async () => {
    const key = await newKey();
    expect(await accepted(key.token)).toBe(true);
    const regenerated = await regenerateApiKey(key.id);
    expect(await accepted(key.token)).toBe(false);
    expect(await accepted(regenerated.token)).toBe(true);
    await deleteApiKey(key.id);
    expect(await accepted(regenerated.token)).toBe(false);
  });

  it("answers a revoked key with HelpDeskZ's authentication error through the API door", async () => {
    const key = await newKey();
    expect((await handleApiRequest(request(key.token), ["tickets"])).status).toBe(200);
    await setApiKeyActive(key.id, false);
    const refused = await handleApiRequest(request(key.token), ["tickets"]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 1, message: "Invalid authentication." });
  });

  it("are re-read after the cache time when changed behind the process's back (another instance)", async () => {
    const key = await newKey();
    expect(await accepted(key.token)).toBe(true);
    await db.update(apiKeys).set({ active: false }).where(eq(apiKeys.id, key.id));
    // Within the bound the cached key may still be used; after it, never.
    await new Promise((r) => setTimeout(r, 5100));
    expect(await accepted(key.token)).toBe(false);
  });
});

describe("cached settings", () => {
  it("see a save or reset through this process at once", async () => {
    // Settings other test files do not depend on, moved in the harmless direction.
    await resetSettings(["attachmentsMaxCount"]);
    expect((await getCachedSettings()).attachmentsMaxCount).toBe(5);
    await saveSettings({ attachmentsMaxCount: 6 });
    expect((await getCachedSettings()).attachmentsMaxCount).toBe(6);
    await resetSettings(["attachmentsMaxCount"]);
    expect((await getCachedSettings()).attachmentsMaxCount).toBe(5);
  });

  it("are re-read after the cache time when another instance changed them", async () => {
    expect((await getCachedSettings()).portalLinkEmailAttempts).toBe(5);
    await db.insert(settings).values({ name: "portalLinkEmailAttempts", value: "50" }).onDuplicateKeyUpdate({ set: { value: "50" } });
    await new Promise((r) => setTimeout(r, 5100));
    expect((await getCachedSettings()).portalLinkEmailAttempts).toBe(50);
    await resetSettings(["portalLinkEmailAttempts"]);
  });
});
