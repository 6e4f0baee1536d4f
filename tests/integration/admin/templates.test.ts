import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { loadTemplate } from "@/lib/mail/templates";
import { getTemplateForAdmin, previewTemplate, resetTemplate, saveTemplate } from "@/lib/mail/template-admin";

// Templates are global: each test restores what it changed.
afterEach(async () => {
  await resetTemplate("assignment");
});

describe("admin: email templates", () => {
  it("mandatory emails (password reset, invitation, new-ticket confirmation) cannot be switched off", async () => {
    for (const event of ["password_reset", "invitation", "new_ticket_customer"] as const) {
      const current = await getTemplateForAdmin(event);
      await expect(saveTemplate(event, { subject: current.subject, body: current.body, enabled: false })).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { enabled: expect.any(String) },
      });
      expect(await loadTemplate(db, event)).not.toBeNull();
    }
  });

  it("an optional email can be switched off, edited and reset to the built-in one", async () => {
    await saveTemplate("assignment", { subject: "Yours: {{ticket.subject}}", body: "Hi {{staff.name}}", enabled: false });
    expect(await loadTemplate(db, "assignment")).toBeNull();
    await saveTemplate("assignment", { subject: "Yours: {{ticket.subject}}", body: "Hi {{staff.name}}", enabled: true });
    expect(await loadTemplate(db, "assignment")).toEqual({ subject: "Yours: {{ticket.subject}}", body: "Hi {{staff.name}}" });
    await resetTemplate("assignment");
    expect((await getTemplateForAdmin("assignment")).customized).toBe(false);
  });

  it("the preview renders placeholders with sample data and escapes HTML", () => {
    const preview = previewTemplate({ subject: "[#{{ticket.id}}] {{ticket.subject}}", body: "Hello {{customer.name}} <b>" });
    expect(preview.subject).toBe("[#1042] Printer on the 2nd floor jams");
    expect(preview.text).toBe("Hello Ada Lovelace <b>");
    expect(preview.html).toContain("Hello Ada Lovelace &lt;b&gt;");
  });
});
