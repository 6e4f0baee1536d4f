import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveEmailAddress, sendTestEmail } from "@/lib/mail/address-admin";
import { emailAddressFormSchema } from "@/lib/validation/admin";
import { uniqueEmail } from "../../support/factories";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

const SMTP_PORT = 2605;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink(SMTP_PORT);
});
afterAll(async () => {
  await sink?.stop();
});

const form = (email: string, smtpPort: number) =>
  emailAddressFormSchema.parse({
    email,
    senderName: "Support",
    departmentId: "",
    smtpHost: "127.0.0.1",
    smtpPort: String(smtpPort),
    smtpSecurity: "none",
    incoming: "none",
    imapSecurity: "none",
  });

describe("SMTP settings of an address", () => {
  it("a change saved within the same second as the last send is used by the next send", async () => {
    const email = uniqueEmail("desk");
    const { id } = await saveEmailAddress(null, form(email, SMTP_PORT));
    const to = uniqueEmail("check");
    await sendTestEmail(id, to);
    await sink.waitFor((m) => m.envelope.to.includes(to));

    // updated_at keeps whole seconds: this save usually lands in the same second as the one above.
    await saveEmailAddress(id, form(email, 1));
    await expect(sendTestEmail(id, uniqueEmail("check"))).rejects.toThrow(/The SMTP server did not accept the mail/);

    await saveEmailAddress(id, form(email, SMTP_PORT));
    const again = uniqueEmail("check");
    await sendTestEmail(id, again);
    await sink.waitFor((m) => m.envelope.to.includes(again));
  });
});
