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
