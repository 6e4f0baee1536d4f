import { describe, expect, it } from "vitest";
import { resolveDateDisplay } from "@/lib/date-display";
import { formatDateTime } from "@/lib/format";

const moment = new Date("2026-03-09T17:05:09Z");

describe("dates as people read them", () => {
  it("uses the pattern and the time zone", () => {
    expect(formatDateTime(moment)).toBe("9 Mar 2026, 17:05");
    expect(formatDateTime(moment, { timeZone: "Asia/Tokyo", pattern: "d MMM yyyy, HH:mm" })).toBe("10 Mar 2026, 02:05");
    expect(formatDateTime(moment, { timeZone: "America/New_York", pattern: "yyyy-MM-dd h:mm a" })).toBe("2026-03-09 1:05 PM");
    expect(formatDateTime(moment, { timeZone: "UTC", pattern: "EEEE d MMMM yy 'at' HH:mm:ss" })).toBe("Monday 9 March 26 at 17:05:09");
  });

  it("falls back rather than failing on a bad zone, an empty pattern or a bad date", () => {
    expect(formatDateTime(moment, { timeZone: "Mars/Olympus", pattern: "" })).toBe("9 Mar 2026, 17:05");
    expect(formatDateTime("not a date")).toBe("");
    expect(formatDateTime(null)).toBe("");
  });

  it("prefers the person's own zone, then the help desk's, then UTC", () => {
    const settings = { timezone: "Europe/Paris", dateFormat: "dd/MM/yyyy HH:mm" };
    expect(resolveDateDisplay(settings, "Asia/Tokyo")).toEqual({ timeZone: "Asia/Tokyo", pattern: "dd/MM/yyyy HH:mm" });
    expect(resolveDateDisplay(settings, null)).toEqual({ timeZone: "Europe/Paris", pattern: "dd/MM/yyyy HH:mm" });
    expect(resolveDateDisplay({ timezone: "Nowhere/Land", dateFormat: " " }, "Bogus/Zone")).toEqual({ timeZone: "UTC", pattern: "d MMM yyyy, HH:mm" });
  });
});
