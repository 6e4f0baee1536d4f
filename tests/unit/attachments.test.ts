import { describe, expect, it } from "vitest";
import { checkUploads, readAttachmentFile, sanitizeFilename } from "@/lib/attachments";
import { sniffContentType } from "@/lib/attachments/sniff";
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

describe("content sniffing", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  it("keeps a declared type the bytes agree with", () => {
    expect(sniffContentType("image/png", png)).toBe("image/png");
    expect(sniffContentType("application/pdf", Buffer.from("%PDF-1.7 ..."))).toBe("application/pdf");
    expect(sniffContentType("text/csv", Buffer.from("a,b\n1,2"))).toBe("text/csv");
  });

  it("never stores a lying image or PDF type: HTML or script declared as one becomes a plain download", () => {
    expect(sniffContentType("image/png", Buffer.from("<html><script>alert(1)</script></html>"))).toBe("application/octet-stream");
    expect(sniffContentType("image/jpeg", png)).toBe("application/octet-stream");
    expect(sniffContentType("application/pdf", Buffer.from("<svg onload=alert(1)>"))).toBe("application/octet-stream");
    expect(sniffContentType("text/plain", Buffer.from([0x4d, 0x5a, 0x00, 0x01]))).toBe("application/octet-stream");
  });

  it("recognises images sent with no useful type", () => {
    expect(sniffContentType("application/octet-stream", png)).toBe("image/png");
    expect(sniffContentType("", Buffer.from("GIF89a......"))).toBe("image/gif");
    expect(sniffContentType("", Buffer.from("just text"))).toBe("application/octet-stream");
  });
});

describe("attachment storage", () => {
  it("never reads a file outside the attachments folder, whatever the stored key says", async () => {
    for (const key of ["../../etc/passwd", "/etc/passwd", "2026/01/../../../.env", "..", ""]) {
      await expect(readAttachmentFile(key)).rejects.toMatchObject({ code: "not_found" });
    }
  });
});
