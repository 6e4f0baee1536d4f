import path from "node:path";
import { AppError } from "../errors";
import { storage } from "../storage";
import { randomToken } from "../tokens";
import { getSettings, saveSettings } from ".";

// The help desk's logo: stored under the key branding/<file> (see lib/storage), served by /branding/logo.

const types: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" };
export const LOGO_MAX_BYTES = 1024 * 1024;
// Only the base name of the setting is trusted, so a tampered setting cannot reach another key.
const logoKey = (file: string) => `branding/${path.basename(file)}`;

/** Checks the bytes, not only the name: raster images only (no SVG, which could carry script). */
function sniff(data: Buffer): string | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpg";
  if (data.subarray(0, 4).toString("latin1") === "GIF8") return "gif";
  if (data.subarray(0, 4).toString("latin1") === "RIFF" && data.subarray(8, 12).toString("latin1") === "WEBP") return "webp";
  return null;
}

export async function saveLogo(data: Buffer) {
  if (data.length === 0) throw new AppError("invalid", "Choose an image.", { logo: "Choose an image." });
  if (data.length > LOGO_MAX_BYTES) throw new AppError("invalid", "The logo must be at most 1 MB.", { logo: "The logo must be at most 1 MB." });
  const ext = sniff(data);
  if (!ext) throw new AppError("invalid", "Use a PNG, JPEG, GIF or WebP image.", { logo: "Use a PNG, JPEG, GIF or WebP image." });
  const { logoFile: previous } = await getSettings();
  const name = `logo-${Date.now()}-${randomToken(4)}.${ext}`;
  await storage().put(logoKey(name), data);
  await saveSettings({ logoFile: name });
  if (previous && previous !== name) await storage().delete(logoKey(previous));
  return { file: name };
}

export async function removeLogo() {
  const { logoFile } = await getSettings();
  await saveSettings({ logoFile: "" });
  if (logoFile) await storage().delete(logoKey(logoFile));
}

/** The stored logo's bytes and type, or null when none is set (the built-in one is used). */
export async function readLogo(): Promise<{ data: Buffer; type: string } | null> {
  const { logoFile } = await getSettings();
  if (!logoFile) return null;
  const ext = logoFile.split(".").pop()!;
  try {
    const data = await storage().get(logoKey(logoFile));
    return data ? { data, type: types[ext] ?? "application/octet-stream" } : null;
  } catch {
    return null;
  }
}

/** The logo's URL for <img>: the uploaded one (versioned by its file name) or the built-in one. */
export const logoUrl = (logoFile: string) => (logoFile ? `/branding/logo?v=${encodeURIComponent(logoFile)}` : "/logo.svg");
