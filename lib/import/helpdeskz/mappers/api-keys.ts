// API keys: HelpDeskZ stores the token itself; Helpdeck stores its sha256, so the same token still
// authenticates. Permissions are serialize(['tickets' => ['read' => ..]]), IPs a comma-separated list.
import type { apiKeys } from "@/db/schema";
import { ipEntryProblem, isApiPermission, type ApiPermission } from "@/lib/api-keys";
import { sha256 } from "@/lib/tokens";
import type { EntityReport } from "../report";
import type { ApiRow } from "../schema";
import { fromUnix, isPhpArray, tryUnserialize, unescapeHtml } from "../php";
import { clip } from "./context";

export function mapApiKey(row: ApiRow, report: EntityReport): typeof apiKeys.$inferInsert | null {
  const token = row.token.trim();
  if (!token) {
    report.skip("no token", row.id);
    return null;
  }
  if (token.length > 200) {
    // lib/api-keys refuses longer tokens before looking them up.
    report.skip("token longer than 200 characters", row.id);
    return null;
  }
  const permissions: ApiPermission[] = [];
  const parsed = tryUnserialize(row.permissions);
  if (isPhpArray(parsed)) {
    for (const [resource, actions] of parsed) {
      if (!isPhpArray(actions)) continue;
      for (const action of actions.keys()) {
        const name = `${resource}/${action}`;
        if (isApiPermission(name)) permissions.push(name);
        else report.adjust(`unknown permission ${name} dropped`, row.id);
      }
    }
  } else if (row.permissions?.trim()) {
    report.adjust("permissions not readable: the key has none", row.id);
  }
  const entries = (row.ip_address ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const allowed = entries.filter((entry) => {
    const problem = ipEntryProblem(entry);
    if (problem) report.adjust(`IP entry not understood and dropped: ${clip(entry, 60)}`, row.id);
    return !problem;
  });
  if (entries.length && !allowed.length) {
    // An empty list admits everyone: a key whose every entry was dropped must not open up.
    report.adjust("no IP entry understood: key imported inactive", row.id);
  }
  return {
    id: row.id,
    name: clip(unescapeHtml(row.name).trim() || `API key ${row.id}`, 200),
    tokenHash: sha256(token),
    tokenPrefix: token.slice(0, 10),
    permissions: [...new Set(permissions)],
    ipAllowlist: allowed.length ? allowed.join("\n") : null,
    active: row.active === 1 && !(entries.length && !allowed.length),
    // HelpDeskZ has no rate limit: 0 (none) keeps existing integrations working as they did.
    rateLimitPerMinute: 0,
    createdAt: fromUnix(row.date) ?? new Date(),
  };
}
