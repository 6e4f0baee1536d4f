"use server";

import { z } from "zod";
import { getSettings, saveSettings, type Settings } from "@/lib/settings";
import { removeLogo, saveLogo } from "@/lib/settings/branding";
import { settingsSections } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const sectionSchema = z.enum(Object.keys(settingsSections) as [keyof typeof settingsSections, ...(keyof typeof settingsSections)[]]);

export async function saveSettingsAction(section: unknown, input: unknown) {
  const which = sectionSchema.safeParse(section);
  if (!which.success) return { ok: false as const, message: "Unknown settings section." };
  return adminAction(
    settingsSections[which.data],
    input,
    async (values, { audit }) => {
      const before = await getSettings();
      await saveSettings(values as Partial<Settings>);
      const changed = Object.fromEntries(
        Object.entries(values as Record<string, unknown>)
          .filter(([name, value]) => before[name as keyof Settings] !== value)
          .map(([name, value]) => [name, { from: before[name as keyof Settings], to: value }]),
      );
      await audit("settings.update", { type: "settings", id: which.data }, changed);
      return { message: "Settings saved." };
    },
    ["/", "/admin/settings", "/agent"],
  );
}

export async function uploadLogoAction(form: FormData) {
  return adminAction(
    z.object({ logo: z.instanceof(File, { message: "Choose an image." }) }),
    { logo: form.get("logo") },
    async ({ logo }, { audit }) => {
      const { file } = await saveLogo(Buffer.from(await logo.arrayBuffer()));
      await audit("settings.logo", { type: "settings", id: "general" }, { file, size: logo.size });
      return { message: "Logo saved." };
    },
    ["/", "/admin/settings/general"],
  );
}

export async function removeLogoAction() {
  return adminAction(z.undefined(), undefined, async (_, { audit }) => {
    await removeLogo();
    await audit("settings.logo_removed", { type: "settings", id: "general" });
    return { message: "Back to the built-in logo." };
  }, ["/", "/admin/settings/general"]);
}
