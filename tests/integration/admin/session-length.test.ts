import { describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";
import { getSettings } from "@/lib/settings";

const jwt = (token: JWT) => authOptions.callbacks!.jwt!({ token } as Parameters<NonNullable<typeof authOptions.callbacks>["jwt"] & object>[0]) as Promise<JWT>;


describe("session length setting", () => {
  it("a sign-in older than the admin's session length no longer carries a principal", async () => {
    const { sessionHours } = await getSettings();
    const fresh = await jwt({ principal: { type: "staff", id: 1 }, signedInAt: Date.now() - (sessionHours - 1) * 3600_000 });
    expect(fresh.principal).toEqual({ type: "staff", id: 1 });
    const old = await jwt({ principal: { type: "staff", id: 1 }, signedInAt: Date.now() - (sessionHours + 1) * 3600_000 });
    expect(old.principal).toBeUndefined();
  });
});
