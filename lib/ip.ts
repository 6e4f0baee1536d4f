// IP address lists: API key allow-lists and the trusted proxies in front of the app. Pure: no database.
import { BlockList, isIP } from "node:net";

/** Splits an allow-list as typed by an admin (one a line, or comma separated) into entries. */
export function parseIpAllowlist(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Why an allow-list entry is not understood, or null when it is valid. */
export function ipEntryProblem(entry: string): string | null {
  if (isIP(entry)) return null;
  if (/^(\d{1,3}|\*)(\.(\d{1,3}|\*)){3}$/.test(entry) && entry.includes("*")) {
    const parts = entry.split(".");
    const firstStar = parts.indexOf("*");
    const valid = parts.every((p, i) => (i < firstStar ? p !== "*" && Number(p) <= 255 : p === "*"));
    return valid ? null : `${entry}: wildcards replace whole trailing parts, as in 192.168.1.*`;
  }
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const family = isIP(cidr[1]!);
    const bits = Number(cidr[2]);
    if (family === 4 && bits <= 32) return null;
    if (family === 6 && bits <= 128) return null;
  }
  return `${entry} is not an IP address, a wildcard (a.b.c.*) or a CIDR range (a.b.c.0/24).`;
}

/** IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) count as the IPv4 address they carry. */
export function normalizeIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/** Whether the allow-list admits this address. An empty list admits anyone. */
export function ipAllowed(allowlist: string | null | undefined, rawIp: string): boolean {
  const entries = parseIpAllowlist(allowlist);
  if (entries.length === 0) return true;
  const ip = normalizeIp(rawIp.trim());
  const family = isIP(ip);
  if (!family) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const entry of entries) {
    if (entry.includes("*")) {
      if (family !== 4) continue;
      const pattern = entry.split(".");
      const parts = ip.split(".");
      if (pattern.every((p, i) => p === "*" || Number(p) === Number(parts[i]))) return true;
      continue;
    }
    const list = new BlockList();
    try {
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      if (cidr) {
        const entryFamily = isIP(cidr[1]!);
        if (!entryFamily) continue;
        list.addSubnet(cidr[1]!, Number(cidr[2]), entryFamily === 4 ? "ipv4" : "ipv6");
      } else {
        const exact = normalizeIp(entry);
        const entryFamily = isIP(exact);
        if (!entryFamily) continue;
        list.addAddress(exact, entryFamily === 4 ? "ipv4" : "ipv6");
      }
      if (list.check(ip, type)) return true;
    } catch {
      // A malformed entry admits nobody.
    }
  }
  return false;
}

/**
 * The client's address for a request that reached us from `socketAddress` with this X-Forwarded-For
 * header: the header is believed only as far as it was written by proxies we trust, read from the
 * right (the nearest hop) until the first address that is not a trusted proxy.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trustedProxies: string): string {
  let client = normalizeIp(socketAddress);
  if (!ipAllowed(trustedProxies, client) || !trustedProxies.trim()) return client;
  const hops = (forwardedFor ?? "").split(",").map((hop) => normalizeIp(hop.trim())).filter((hop) => isIP(hop));
  while (hops.length) {
    client = hops.pop()!;
    if (!ipAllowed(trustedProxies, client)) return client;
  }
  return client;
}
