import { describe, expect, it } from "vitest";
import { checkUploads, sanitizeFilename } from "@/lib/attachments";
import { settingsSchema } from "@/lib/settings";

const rules = settingsSchema.parse({ attachmentsMaxCount: "2", attachmentsMaxSizeMb: "1", attachmentsAllowedTypes: "png,txt" });
const file = (filename: string, bytes = 10) => ({ filename, contentType: "application/octet-stream", data: Buffer.alloc(bytes) });

describe("attachment rules", () => {
  it("strips paths and control characters from file names", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("C:\\Users\\me\\report.pdf")).toBe("report.pdf");
    expect(sanitizeFilename("a\u0000b<c>.txt")).toBe("a_b_c_.txt");
    expect(sanitizeFilename("...")).toBe("attachment");
  });

  it("accepts files within the admin's limits", () => {
    expect(() => checkUploads([file("a.png"), file("b.TXT")], rules)).not.toThrow();
  });

  it("names the field and the file when a rule is broken", () => {
    expect(() => checkUploads([file("a.png"), file("b.png"), file("c.png")], rules)).toThrow("Attach at most 2 files.");
    expect(() => checkUploads([file("big.png", 2 * 1024 * 1024)], rules)).toThrow("big.png is larger than 1 MB.");
    expect(() => checkUploads([file("run.exe")], rules)).toThrow(/run.exe: this file type is not accepted/);
    try {
      checkUploads([file("run.exe")], rules);
    } catch (error) {
      expect((error as { fieldErrors: Record<string, string> }).fieldErrors.attachments).toMatch(/run.exe/);
    }
  });

  it("refuses every file when attachments are off", () => {
    expect(() => checkUploads([file("a.png")], { ...rules, attachmentsEnabled: false })).toThrow("Attachments are not accepted.");
  });
});
