import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import { env } from "../env";
import { AppError } from "../errors";
import { randomToken, safeEqual, sha256 } from "../tokens";
import { ipEntryProblem, parseIpAllowlist } from "../ip";
import { processCache } from "../ttl-cache";
import { isApiPermission, type ApiPermission } from "./permissions";

export * from "./permissions";

export { ipAllowed, ipEntryProblem, parseIpAllowlist } from "../ip";

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * Keys by token hash, so that an API request does not look its key up every time. Every change below
 * clears it, so a revoked, edited or regenerated key stops working at once in this process; other app
 * instances see the change within HELPDECK_CACHE_SECONDS (5 s by default). Unknown tokens and inactive
 * keys are not cached: a key created or reactivated on another instance works at once.
 */
const keyCache = processCache<string, ApiKey | null>("api-keys", env.HELPDECK_CACHE_SECONDS * 1000);

/** Forgets every cached key; the importer calls it after writing keys itself. */
export const clearApiKeyCache = () => keyCache.clear();

const tokenPrefixOf = (token: string) => token.slice(0, 10);

/** A new token: shown once to the admin, stored only as its sha256. */
function newToken() {
  const token = `hdk_${randomToken(30)}`;
  return { token, tokenHash: sha256(token), tokenPrefix: tokenPrefixOf(token) };
}

export type ApiKeyInput = {
  name: string;
  permissions: ApiPermission[];
  ipAllowlist?: string | null;
  active?: boolean;
  rateLimitPerMinute?: number;
};

function cleanInput(input: ApiKeyInput) {
  const name = input.name.trim();
  if (!name) throw new AppError("invalid", "Enter a name.", { name: "Enter a name." });
  const entries = parseIpAllowlist(input.ipAllowlist);
  for (const entry of entries) {
    const problem = ipEntryProblem(entry);
    if (problem) throw new AppError("invalid", problem, { ipAllowlist: problem });
  }
  const permissions = [...new Set(input.permissions)].filter(isApiPermission);
  return { name: name.slice(0, 200), permissions, ipAllowlist: entries.length ? entries.join("\n") : null };
}

/** Creates a key; the returned token is the only time anyone sees it. */
export async function createApiKey(input: ApiKeyInput) {
  const clean = cleanInput(input);
  const { token, tokenHash, tokenPrefix } = newToken();
  const [row] = await db
    .insert(apiKeys)
    .values({
      ...clean,
      tokenHash,
      tokenPrefix,
      active: input.active ?? true,
      rateLimitPerMinute: input.rateLimitPerMinute ?? 600,
    })
    .$returningId();
  return { id: row!.id, token, tokenPrefix };
}

export async function updateApiKey(id: number, input: ApiKeyInput) {
  const clean = cleanInput(input);
  await getApiKeyOrThrow(id);
  await db
    .update(apiKeys)
    .set({
      ...clean,
      ...(input.active === undefined ? {} : { active: input.active }),
      ...(input.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: input.rateLimitPerMinute }),
    })
    .where(eq(apiKeys.id, id));
  keyCache.clear();
}

export async function setApiKeyActive(id: number, active: boolean) {
  await getApiKeyOrThrow(id);
  await db.update(apiKeys).set({ active }).where(eq(apiKeys.id, id));
  keyCache.clear();
}

/** Replaces the token: the old one stops working at once; the new one is returned once. */
export async function regenerateApiKey(id: number) {
  await getApiKeyOrThrow(id);
  const { token, tokenHash, tokenPrefix } = newToken();
  await db.update(apiKeys).set({ tokenHash, tokenPrefix }).where(eq(apiKeys.id, id));
  keyCache.clear();
  return { id, token, tokenPrefix };
}

export async function deleteApiKey(id: number) {
  await getApiKeyOrThrow(id);
  await db.delete(apiKeys).where(eq(apiKeys.id, id));
  keyCache.clear();
}

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  tokenPrefix: apiKeys.tokenPrefix,
  permissions: apiKeys.permissions,
  ipAllowlist: apiKeys.ipAllowlist,
  active: apiKeys.active,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  createdAt: apiKeys.createdAt,
};

export function listApiKeys() {
  return db.select(publicColumns).from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function getApiKeyOrThrow(id: number) {
  const [row] = await db.select(publicColumns).from(apiKeys).where(eq(apiKeys.id, id));
  if (!row) throw new AppError("not_found", "API key not found.");
  return row;
}

export type ApiKeySummary = Awaited<ReturnType<typeof listApiKeys>>[number];

/** The key behind a presented token, or null. The lookup is by hash; the hash is compared in constant time. */
export async function findApiKeyByToken(token: string): Promise<ApiKey | null> {
  if (!token || token.length > 200) return null;
  const hash = sha256(token);
  const row = await keyCache.get(
    hash,
    async () => (await db.select().from(apiKeys).where(eq(apiKeys.tokenHash, hash)))[0] ?? null,
    // Inactive keys are not kept either: reactivating one (here or elsewhere) works at once.
    (found) => found?.active === true,
  );
  if (!row || !safeEqual(row.tokenHash, hash)) return null;
  return row;
}

export const keyHasPermission = (key: Pick<ApiKey, "permissions">, permission: ApiPermission) =>
  Array.isArray(key.permissions) && key.permissions.includes(permission);

// When this process last recorded each key's use, so that busy keys do not write on every request.
const lastRecorded = new Map<number, { at: number; ip: string }>();

/** Records when and from where a key was last used; writes at most every few seconds per key. */
export async function recordApiKeyUse(id: number, ip: string) {
  const address = ip.slice(0, 45);
  const now = Date.now();
  const previous = lastRecorded.get(id);
  if (previous && previous.ip === address && now - previous.at < 5000) return;
  lastRecorded.set(id, { at: now, ip: address });
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`NOW()`, lastUsedIp: address })
    .where(
      sql`${apiKeys.id} = ${id} AND (${apiKeys.lastUsedAt} IS NULL OR ${apiKeys.lastUsedAt} < NOW() - INTERVAL 5 SECOND OR ${apiKeys.lastUsedIp} <> ${address})`,
    );
}
