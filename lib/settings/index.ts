import { inArray } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { settings } from "@/db/schema";
import { env } from "../env";
import { processCache } from "../ttl-cache";

const bool = z.preprocess((value) => value === true || value === "1" || value === "true", z.boolean());

/** Every setting with its type and default; the database stores only what an admin changed. */
export const settingsSchema = z.object({
  helpdeskName: z.string().min(1).max(100).default("Helpdeck"),
  helpdeskUrl: z.string().default(""),
  timezone: z.string().default("UTC"),
  dateFormat: z.string().default("d MMM yyyy, HH:mm"),
  selfRegistration: bool.default(true),
  maintenanceMode: bool.default(false),
  publicPortal: bool.default(true),
  privatePortal: bool.default(true),
  overdueHours: z.coerce.number().int().min(1).default(72),
  autoCloseHours: z.coerce.number().int().min(0).default(0),
  pageSize: z.coerce.number().int().min(5).max(200).default(25),
  attachmentsEnabled: bool.default(true),
  attachmentsMaxCount: z.coerce.number().int().min(1).max(50).default(5),
  attachmentsMaxSizeMb: z.coerce.number().min(0.01).max(100).default(10),
  attachmentsAllowedTypes: z.string().default("jpg,jpeg,png,gif,webp,pdf,txt,log,csv,zip,doc,docx,xls,xlsx,odt,ods,eml"),
  portalTicketsPerHourPerIp: z.coerce.number().int().min(1).default(20),
  portalTicketsPerHourPerEmail: z.coerce.number().int().min(1).default(10),
  /** Wrong emails a visitor may try on a ticket link per 15 minutes (four times as many per ticket). */
  portalLinkEmailAttempts: z.coerce.number().int().min(1).default(5),
  /** "Check a ticket" requests per hour, per visitor and per email address. */
  portalLinkRequestsPerHour: z.coerce.number().int().min(1).default(10),
  /** Password-reset mails per hour, per visitor and per email address. */
  passwordResetsPerHour: z.coerce.number().int().min(1).default(5),
  signInAttempts: z.coerce.number().int().min(1).default(10),
  signInWindowMinutes: z.coerce.number().int().min(1).default(15),
  /** File name of the uploaded logo, stored under the key branding/<name> (lib/storage); "" = the built-in one. */
  logoFile: z.string().default(""),
  maintenanceMessage: z.string().default("We are doing some maintenance. Please come back a little later."),
  /** Order of a ticket's messages: oldest or newest first. */
  replyOrder: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  /** Hours a sign-in lasts. */
  sessionHours: z.coerce.number().int().min(1).max(720).default(12),
  /** Staff must set up two-factor sign-in. */
  staffTwoFactorRequired: bool.default(false),
  /** Knowledge base: articles per category/search page, excerpt characters, popular and latest counts. */
  kbArticlesPerPage: z.coerce.number().int().min(5).max(100).default(10),
  kbExcerptLength: z.coerce.number().int().min(50).max(1000).default(200),
  kbPopularCount: z.coerce.number().int().min(0).max(20).default(5),
  kbLatestCount: z.coerce.number().int().min(0).max(20).default(5),
  /** Feedback (ideas and suggestions): on the portal at all, readable without signing in, held for approval. */
  feedbackEnabled: bool.default(true),
  feedbackGuestsCanRead: bool.default(true),
  feedbackRequiresApproval: bool.default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingName = keyof Settings;

/**
 * The settings, read now. Inside a transaction pass its handle: asking the pool for a second
 * connection while holding one deadlocks once every connection is held that way.
 */
export async function getSettings(tx: Tx = db): Promise<Settings> {
  const rows = await tx.select().from(settings);
  return settingsSchema.parse(Object.fromEntries(rows.map((row) => [row.name, row.value])));
}

/**
 * The settings for per-request hot paths (the token API reads the page size and upload rules on every
 * call). At most HELPDECK_CACHE_SECONDS (5 s by default) old when another instance or a script changed
 * them; a save or reset through this process clears it at once. Pages and forms keep reading
 * `getSettings()`, fresh; mail notifications, written with every reply, read these.
 */
const settingsCache = processCache<"all", Settings>("settings", env.HELPDECK_CACHE_SECONDS * 1000, 1);

export function getCachedSettings(tx?: Tx): Promise<Settings> {
  // On a miss inside a transaction, read through it: a second pool connection could deadlock a busy pool.
  return settingsCache.get("all", () => getSettings(tx));
}

export async function saveSettings(values: Partial<Settings>) {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    for (const [name, value] of entries) {
      await tx
        .insert(settings)
        .values({ name, value: String(value) })
        .onDuplicateKeyUpdate({ set: { value: String(value) } });
    }
  });
  settingsCache.clear();
}

export async function resetSettings(names: SettingName[]) {
  if (names.length) await db.delete(settings).where(inArray(settings.name, names));
  settingsCache.clear();
}
