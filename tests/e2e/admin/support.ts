// Helpers for the admin browser tests.
import { eq, inArray } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { db } from "@/db";
import { settings } from "@/db/schema";
import { newPage, signInStaff } from "../../support/browser";
import { makeStaff } from "../../support/factories";

// The admin tests import it from here; it lives with the other browser helpers.
export { signInStaff } from "../../support/browser";

/** A fresh admin, signed in, in a new browser page. */
export async function adminPage(browser: Browser, options: { width?: number } = {}) {
  const admin = await makeStaff({ role: "admin" });
  const page = await newPage(browser, options);
  page.on("dialog", (dialog) => dialog.accept());
  await signInStaff(page, admin.username, admin.password);
  return { admin, page };
}

/**
 * Remembers the stored values of some settings; `restore()` puts them back (or removes them when they
 * were not stored), so that a test that changes a global setting leaves it as it found it.
 */
export async function rememberSettings(names: string[]) {
  const rows = await db.select().from(settings).where(inArray(settings.name, names));
  return async function restore() {
    for (const name of names) {
      const before = rows.find((row) => row.name === name);
      if (before) await db.insert(settings).values(before).onDuplicateKeyUpdate({ set: { value: before.value } });
      else await db.delete(settings).where(eq(settings.name, name));
    }
  };
}

/** Saves a settings section through the admin UI, setting the given fields by label. */
export async function saveSettingsThroughUi(page: Page, section: string, fill: (page: Page) => Promise<void>) {
  await page.goto(`/admin/settings/${section}`);
  await fill(page);
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
}
