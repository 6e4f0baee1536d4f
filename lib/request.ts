import { headers } from "next/headers";

/** The client's address as seen by the first proxy in front of us (or the socket when direct). */
export function clientIpFrom(getHeader: (name: string) => string | null | undefined): string {
  const forwarded = getHeader("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || getHeader("x-real-ip") || "unknown";
}

export async function requestIp(): Promise<string> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}
