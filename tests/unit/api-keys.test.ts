import { describe, expect, it } from "vitest";

// lib/api-keys imports the database module; give it a harmless URL (no connection is made).
process.env.DATABASE_URL ??= "mysql://helpdeck:helpdeck@127.0.0.1:3391/helpdeck_unit";
const { ipAllowed, ipEntryProblem, parseIpAllowlist, permissionLabel, allApiPermissions } = await import("@/lib/api-keys");

describe("API key IP allow-list", () => {
  it("admits anyone when empty", () => {
    expect(ipAllowed("", "203.0.113.1")).toBe(true);
    expect(ipAllowed(null, "2001:db8::1")).toBe(true);
  });

  it("matches exact IPv4 and IPv6 addresses, including IPv4-mapped IPv6", () => {
    expect(ipAllowed("203.0.113.1", "203.0.113.1")).toBe(true);
    expect(ipAllowed("203.0.113.1", "::ffff:203.0.113.1")).toBe(true);
    expect(ipAllowed("203.0.113.1", "203.0.113.2")).toBe(false);
    expect(ipAllowed("2001:db8::1", "2001:0db8:0000::0001")).toBe(true);
  });

  it("matches HelpDeskZ's trailing wildcards", () => {
    expect(ipAllowed("192.168.1.*", "192.168.1.77")).toBe(true);
    expect(ipAllowed("192.168.*.*", "192.168.9.1")).toBe(true);
    expect(ipAllowed("10.*.*.*", "10.1.2.3")).toBe(true);
    expect(ipAllowed("192.168.1.*", "192.168.2.1")).toBe(false);
  });

  it("matches CIDR ranges for both families", () => {
    expect(ipAllowed("10.0.0.0/8", "10.200.1.1")).toBe(true);
    expect(ipAllowed("10.0.0.0/8", "11.0.0.1")).toBe(false);
    expect(ipAllowed("2001:db8::/32", "2001:db8:ffff::1")).toBe(true);
    expect(ipAllowed("2001:db8::/32", "2001:db9::1")).toBe(false);
  });

  it("refuses addresses it cannot read", () => {
    expect(ipAllowed("10.0.0.0/8", "unknown")).toBe(false);
  });

  it("parses lines and commas, and explains a bad entry", () => {
    expect(parseIpAllowlist("1.2.3.4, 5.6.7.*\n10.0.0.0/8")).toEqual(["1.2.3.4", "5.6.7.*", "10.0.0.0/8"]);
    expect(ipEntryProblem("1.2.3.4")).toBeNull();
    expect(ipEntryProblem("10.0.0.0/8")).toBeNull();
    expect(ipEntryProblem("1.*.3.4")).toMatch(/wildcards/);
    expect(ipEntryProblem("example.com")).toMatch(/not an IP address/);
    expect(ipEntryProblem("10.0.0.0/33")).toMatch(/not an IP address/);
  });
});

describe("API permissions", () => {
  it("covers HelpDeskZ's nineteen permissions with its wording, and ours for the MTA pipe", () => {
    expect(allApiPermissions).toHaveLength(20);
    expect(permissionLabel("mail/create")).toBe("Deliver inbound email (MTA pipe).");
    expect(permissionLabel("users/create")).toBe("Create users.");
    expect(permissionLabel("attachments/download")).toBe("Get file content from an attachment.");
  });
});
