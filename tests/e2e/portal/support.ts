// Shared pieces of the portal browser tests: the SMTP sink behind the default address, sign-in, and
// screenshots at desktop and phone widths.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { db } from "@/db";
import { emailAddresses } from "@/db/schema";
import { unique } from "../../support/factories";
export { startMailPump } from "../../support/mail";
import { screenshot } from "../../support/browser";
import type { ReceivedMail } from "../../support/smtp-sink";

/**
 * Makes a help-desk address pointing at the sink the default one, so that the app server's mail worker
 * (a separate process) delivers the portal's mails (ticket and account mails alike) to the test.
 */
export async function useSinkAsDefaultAddress(port: number, departmentId: number) {
  await db.update(emailAddresses).set({ isDefault: false }).where(eq(emailAddresses.isDefault, true));
  const email = `${unique("portal")}@helpdesk.example.test`;
  const [row] = await db
    .insert(emailAddresses)
    .values({
      email,
      senderName: "Portal Test Desk",
      departmentId,
      isDefault: true,
      smtpHost: "127.0.0.1",
      smtpPort: port,
      smtpSecurity: "none",
      incoming: "pipe",
    })
    .$returningId();
  return { id: row!.id, email };
}

export const mailTo = (to: string) => (mail: ReceivedMail) => mail.envelope.to.includes(to);

/** The first link to this app in a mail's text part. */
export function linkIn(mail: ReceivedMail, path: RegExp): string {
  const text = mail.parsed.text ?? "";
  const match = new RegExp(`https?://\\S+?${path.source}`).exec(text);
  if (!match) throw new Error(`No link matching ${path} in:\n${text}`);
  return match[0];
}

// The portal tests import it from here; it lives with the other browser helpers.
export { signInCustomer } from "../../support/browser";

/** Desktop (1280) and phone (390) screenshots of the page as it is now. */
export async function shootBoth(page: Page, name: string) {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(size);
}
