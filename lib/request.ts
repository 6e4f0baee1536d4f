import { headers } from "next/headers";

/**
 * The client's address, as scripts/server.ts determined it from the socket and trusted proxies (it
 * overwrites whatever a client sent in that header). Without that server (e.g. `next dev`), the first
 * X-Forwarded-For entry is used: fine for development, not for a server on the internet.
 */
export function clientIpFrom(getHeader: (name: string) => string | null | undefined): string {
  return (
    getHeader("x-helpdeck-client-ip") ||
    getHeader("x-forwarded-for")?.split(",")[0]?.trim() ||
    getHeader("x-real-ip") ||
    "unknown"
  );
}

export async function requestIp(): Promise<string> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}

/**
 * Whether a state-changing request to a cookie-authenticated route handler comes from our own pages.
 * Browsers send Origin on every POST; a cross-site form or fetch carries the other site's, and a
 * request without one is not from a browser page of ours. (Server actions get the same check from Next.)
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
