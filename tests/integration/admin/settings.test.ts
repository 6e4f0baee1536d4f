import { afterEach, describe, expect, it } from "vitest";
import { getSettings, resetSettings, saveSettings } from "@/lib/settings";
import { settingsSections } from "@/lib/validation/admin";

// Settings are global and other test files run at the same time: only settings no other test reads are
// changed here, and they are restored after each test.
const touched = ["replyOrder", "sessionHours", "staffTwoFactorRequired", "maintenanceMessage"] as const;
afterEach(async () => {
  await resetSettings([...touched]);
});

describe("admin: settings", () => {
  it("saves and reads back typed values (numbers, booleans, enums, text) and resets to defaults", async () => {
    const form = settingsSections.security.pick({ sessionHours: true, staffTwoFactorRequired: true }).parse({ sessionHours: "36", staffTwoFactorRequired: true });
    await saveSettings({ ...form, replyOrder: "desc", maintenanceMessage: "Back at 14:00." });
    const after = await getSettings();
    expect(after.sessionHours).toBe(36);
    expect(after.staffTwoFactorRequired).toBe(true);
    expect(after.replyOrder).toBe("desc");
    expect(after.maintenanceMessage).toBe("Back at 14:00.");
    await resetSettings([...touched]);
    const reset = await getSettings();
    expect(reset.sessionHours).toBe(12);
    expect(reset.staffTwoFactorRequired).toBe(false);
    expect(reset.replyOrder).toBe("asc");
  });

  it("the section schemas refuse bad values with field messages and normalise the rest", () => {
    const tickets = settingsSections.tickets.safeParse({
      overdueHours: "0",
      autoCloseHours: "-1",
      pageSize: "1000",
      replyOrder: "asc",
      attachmentsEnabled: true,
      attachmentsMaxCount: "3",
      attachmentsMaxSizeMb: "0",
      attachmentsAllowedTypes: "pdf, .PNG  docx",
    });
    expect(tickets.success).toBe(false);
    const paths = tickets.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["overdueHours", "autoCloseHours", "pageSize", "attachmentsMaxSizeMb"]));
    const ok = settingsSections.tickets.parse({
      overdueHours: "48",
      autoCloseHours: "0",
      pageSize: "25",
      replyOrder: "desc",
      attachmentsEnabled: false,
      attachmentsMaxCount: "3",
      attachmentsMaxSizeMb: "2.5",
      attachmentsAllowedTypes: "pdf, .PNG  docx",
    });
    expect(ok).toMatchObject({ overdueHours: 48, attachmentsMaxSizeMb: 2.5, attachmentsAllowedTypes: "pdf,png,docx" });
    expect(settingsSections.general.safeParse({ helpdeskName: "X", helpdeskUrl: "ftp://x", timezone: "Mars/Base", dateFormat: "d", selfRegistration: true, maintenanceMode: false, maintenanceMessage: "m" }).error!.issues.map((i) => i.path[0])).toEqual(["helpdeskUrl", "timezone"]);
  });
});
