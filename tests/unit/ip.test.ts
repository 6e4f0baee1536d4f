import { describe, expect, it } from "vitest";
import { clientAddress, ipAllowed } from "@/lib/ip";

const trusted = "127.0.0.1, ::1, 10.0.0.0/8";

describe("client address behind proxies", () => {
  it("ignores X-Forwarded-For from a client that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", trusted)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4", trusted)).toBe("203.0.113.9");
  });

  it("takes the nearest untrusted hop written by trusted proxies", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // A client-forged first entry is skipped: the proxy appended the real address last.
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", trusted)).toBe("198.51.100.7");
  });

  it("falls back to the socket when no header or no trusted proxies are configured", () => {
    expect(clientAddress("127.0.0.1", undefined, trusted)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "198.51.100.7", "")).toBe("127.0.0.1");
  });

  it("matches exact addresses, wildcards and CIDR ranges", () => {
    expect(ipAllowed("192.168.1.*", "192.168.1.77")).toBe(true);
    expect(ipAllowed("10.0.0.0/8", "10.200.3.4")).toBe(true);
    expect(ipAllowed("10.0.0.0/8", "11.0.0.1")).toBe(false);
    expect(ipAllowed("2001:db8::/32", "2001:db8::1")).toBe(true);
  });
});
