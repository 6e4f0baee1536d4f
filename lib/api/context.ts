import type { ApiKey } from "@/db/schema";
import { findApiKeyByToken, ipAllowed, keyHasPermission, permissionLabel, recordApiKeyUse, type ApiPermission } from "../api-keys";
import { hitRateLimit } from "../rate-limit";
import { clientIpFrom } from "../request";
import { readApiBody, type ApiBody } from "./body";
import { ApiFailure } from "./http";
import { readRawBody } from "./raw-body";

/** What a handler gets: the authenticated key, the caller's address, the query and the body. */
export type ApiContext = {
  key: ApiKey;
  ip: string;
  query: URLSearchParams;
  body: () => Promise<ApiBody>;
  /** The request's media type, lower case, without parameters ("" when absent). */
  contentType: string;
  /** The body as bytes, for a door that takes a whole document (POST /api/mail); HTTP 413 past maxBytes. */
  raw: (maxBytes: number) => Promise<Buffer>;
  /** Throws HelpDeskZ's "Permission not allowed: ..." (HTTP 400) unless the key holds the permission. */
  require: (permission: ApiPermission) => void;
};

const invalidAuthentication = () => new ApiFailure("Invalid authentication.", 400);

/**
 * HelpDeskZ's `apiAuth` filter: a `Token` header naming an active key, called from an allowed
 * address. Then our per-key rate limit (429), and the key's last use is recorded.
 */
export async function authenticate(request: Request): Promise<ApiContext> {
  const token = request.headers.get("token")?.trim();
  if (!token) throw invalidAuthentication();
  const key = await findApiKeyByToken(token);
  if (!key || !key.active) throw invalidAuthentication();

  const ip = clientIpFrom((name) => request.headers.get(name));
  // HelpDeskZ's message, down to its missing closing backtick, which clients may match on.
  if (!ipAllowed(key.ipAllowlist, ip)) throw new ApiFailure(`IP address \`${ip} is not allowed.`, 400);

  if (key.rateLimitPerMinute > 0 && !(await hitRateLimit(`api-key:${key.id}`, key.rateLimitPerMinute, 60))) {
    throw new ApiFailure("Too many requests. Try again in a minute.", 429, { "retry-after": "60" });
  }
  recordApiKeyUse(key.id, ip).catch((error) => console.error("Could not record API key use:", error));

  let body: Promise<ApiBody> | undefined;
  return {
    key,
    ip,
    query: new URL(request.url).searchParams,
    body: () => (body ??= readApiBody(request)),
    contentType: (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
    raw: (maxBytes) => readRawBody(request, maxBytes),
    require(permission) {
      if (!keyHasPermission(key, permission)) {
        throw new ApiFailure(`Permission not allowed: ${permissionLabel(permission)}`, 400);
      }
    },
  };
}
