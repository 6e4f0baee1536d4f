import { eq } from "drizzle-orm";
import { cache } from "react";
import { db } from "@/db";
import { staff, users } from "@/db/schema";
import { getActor } from "./auth/session";
import { defaultDateDisplay, isTimeZone, type DateDisplay } from "./format";
import { getSettings } from "./settings";

/** The person's own time zone wins over the help desk's; an unknown zone name falls back to UTC. */
export function resolveDateDisplay(settings: { timezone: string; dateFormat: string }, personalTimeZone: string | null | undefined): DateDisplay {
  const timeZone = [personalTimeZone, settings.timezone].find(isTimeZone) ?? "UTC";
  return { timeZone, pattern: settings.dateFormat.trim() || defaultDateDisplay.pattern };
}

/** How dates read in this request, for whoever is signed in (or a guest), looked up once per request. */
export const getDateDisplay = cache(async (): Promise<DateDisplay> => {
  const [settings, actor] = await Promise.all([getSettings(), getActor()]);
  let personal: string | null = null;
  if (actor?.type === "staff") [{ timezone: personal } = { timezone: null }] = await db.select({ timezone: staff.timezone }).from(staff).where(eq(staff.id, actor.id));
  if (actor?.type === "user") [{ timezone: personal } = { timezone: null }] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, actor.id));
  return resolveDateDisplay(settings, personal);
});
