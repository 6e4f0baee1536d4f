import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actors";
import { randomToken } from "@/lib/tokens";

const COOKIE = "hd_kb_voter";

/**
 * Who is voting: a signed-in person by id, anyone else by a random cookie (created when they first vote),
 * so that one browser counts once per article.
 */
export async function voterKey(actor: Actor | null, create: boolean): Promise<string | null> {
  if (actor) return `${actor.type === "staff" ? "s" : "u"}:${actor.id}`;
  const jar = await cookies();
  const existing = jar.get(COOKIE)?.value;
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return `c:${existing}`;
  if (!create) return null;
  const token = randomToken(18);
  jar.set(COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/kb", maxAge: 60 * 60 * 24 * 365 });
  return `c:${token}`;
}
