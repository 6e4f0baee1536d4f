// Demo data a person can click through. Runs only on an empty help desk (no staff yet); always prints
// the URL and the demo logins.
import "./load-env";

export const demoLogins = {
  admin: { username: "admin", email: "admin@helpdeck.test", password: "helpdeck-admin" },
  agent: { username: "agent", email: "agent@helpdeck.test", password: "helpdeck-agent" },
  customer: { email: "alice@example.com", password: "helpdeck-customer" },
};

async function seed() {
  const { db } = await import("@/db");
  const schema = await import("@/db/schema");
  const { hashPassword } = await import("@/lib/auth/password");
  const { loadStaffActor } = await import("@/lib/auth/actors");
  const { createStaffMember, hasAnyStaff } = await import("@/lib/staff/manage");
  const { createTicket } = await import("@/lib/tickets/create");
  const { addCustomerReply, addNote, addStaffReply } = await import("@/lib/tickets/replies");
  const { updateTicket } = await import("@/lib/tickets/update");
  const { saveSettings } = await import("@/lib/settings");
  const { sql } = await import("drizzle-orm");

  if (await hasAnyStaff()) return null;

  const [general, billing, security] = await Promise.all(
    [
      { name: "General support", sortOrder: 0 },
      { name: "Billing", sortOrder: 1 },
      { name: "Security (private)", isPrivate: true, sortOrder: 2 },
    ].map(async (d) => (await db.insert(schema.departments).values(d).$returningId())[0]!.id),
  );
  await db.insert(schema.priorities).values([
    { name: "Low", color: "#64748b", sortOrder: 0 },
    { name: "Medium", color: "#0ea5e9", sortOrder: 1 },
    { name: "High", color: "#f97316", sortOrder: 2 },
    { name: "Urgent", color: "#dc2626", sortOrder: 3 },
  ]);
  const priorityIds = (await db.select({ id: schema.priorities.id }).from(schema.priorities)).map((p) => p.id);

  const admin = await createStaffMember({ ...demoLogins.admin, fullname: "Ada Admin", role: "admin" });
  const agent = await createStaffMember({ ...demoLogins.agent, fullname: "Sam Agent", role: "agent", departmentIds: [general!] });
  const adminActor = (await loadStaffActor(admin.id))!;
  const agentActor = (await loadStaffActor(agent.id))!;

  const [acme] = await db.insert(schema.organizations).values({ name: "Acme Corp", sharesTickets: true }).$returningId();
  await db.insert(schema.organizationDomains).values({ domain: "acme.example", organizationId: acme!.id });
  const customerHash = await hashPassword(demoLogins.customer.password);
  const customers = [
    { fullname: "Alice Martin", email: demoLogins.customer.email, passwordHash: customerHash },
    { fullname: "Bob Lee", email: "bob@example.com", passwordHash: customerHash },
    { fullname: "Carol Diaz", email: "carol@acme.example", passwordHash: customerHash, organizationId: acme!.id },
    { fullname: "Dan Wu", email: "dan@acme.example", organizationId: acme!.id },
  ];
  const customerIds: number[] = [];
  for (const c of customers) customerIds.push((await db.insert(schema.users).values(c).$returningId())[0]!.id);
  const [alice, bob, carol, dan] = customerIds as [number, number, number, number];

  const open = (userId: number, departmentId: number, subject: string, message: string, files = [] as { filename: string; contentType: string; data: Buffer }[]) =>
    createTicket({ requester: { userId }, departmentId, subject, message, files, source: "web", openedBy: { type: "user", id: userId }, notify: false });

  // One ticket in each status, with replies, notes and an attachment.
  const t1 = await open(alice, general!, "Cannot log in to the mobile app", "Since this morning the app says my session expired, every time.", [
    { filename: "screenshot.txt", contentType: "text/plain", data: Buffer.from("Error: session expired (code 401)\n") },
  ]);
  await updateTicket(adminActor, t1.id, { priorityId: priorityIds[2], assignedStaffId: agent.id });

  const t2 = await open(alice, general!, "How do I export my data?", "I would like a copy of all my projects as CSV.");
  await addStaffReply(agentActor, t2.id, { message: "Hi Alice,\n\nGo to Settings → Export and choose CSV.\n\nSam" });

  const t3 = await open(bob, billing!, "Invoice shows the wrong VAT number", "My VAT number is GB123456789, the invoice says GB000000000.");
  await addStaffReply(adminActor, t3.id, { message: "Sorry about that, Bob. Which invoice number is it?" });
  await addCustomerReply(t3.id, bob, { message: "Invoice 2026-0042.", via: "portal" });

  const t4 = await open(carol, general!, "Feature request: dark mode", "Our team works late; a dark theme would help.");
  await addNote(agentActor, t4.id, { message: "Product team is tracking this; keep the customer posted." });
  await updateTicket(agentActor, t4.id, { status: 4, priorityId: priorityIds[0], assignedStaffId: agent.id });

  const t5 = await open(dan, billing!, "Refund for duplicate charge", "I was charged twice on 3 November.");
  await addStaffReply(adminActor, t5.id, { message: "The duplicate charge was refunded. It takes 3-5 days to appear.", status: 5 });

  const t6 = await createTicket({
    requester: { userId: bob },
    departmentId: security!,
    subject: "Suspicious sign-in from an unknown country",
    message: "We received an alert for a sign-in from an address we do not know.",
    source: "email",
    openedBy: { type: "system" },
    notify: false,
  });
  await addNote(adminActor, t6.id, { message: "Checked logs: password reset forced for this account." });

  await db.insert(schema.cannedResponses).values([
    { title: "Greeting", body: "Hi {{customer.name}},\n\nThank you for contacting us.\n\n", sortOrder: 0 },
    { title: "Need more details", body: "Could you send a screenshot and the exact time it happened?", sortOrder: 1 },
    { title: "Closing", body: "I am closing this ticket; reply to it any time to reopen it.", sortOrder: 2 },
  ]);
  await seedKnowledgeBase(adminActor, agentActor);
  await saveSettings({ helpdeskName: "Helpdeck Demo" });
  // Demo data is not news: nothing of it should be mailed to the example addresses.
  await db.execute(sql`DELETE FROM outbox WHERE id > 0`);
  const { allApiPermissions, createApiKey } = await import("@/lib/api-keys");
  const apiKey = await createApiKey({ name: "Demo integration", permissions: allApiPermissions });
  return { apiToken: apiKey.token };
}

/** A small help center: public categories (one nested), a staff-only one, published articles and a draft. */
async function seedKnowledgeBase(admin: import("@/lib/auth/actors").StaffActor, agent: import("@/lib/auth/actors").StaffActor) {
  const { saveArticle, saveCategory } = await import("@/lib/kb/manage");
  const category = (name: string, description: string, isPublic = true, parentId: number | null = null) =>
    saveCategory(admin, null, { name, description, isPublic, parentId }).then((c) => c.id);
  const account = await category("Your account", "Signing in, passwords and your profile.");
  const billing = await category("Billing", "Invoices, payment methods and refunds.");
  const invoices = await category("Invoices", "Finding and understanding invoices.", true, billing);
  const internal = await category("Internal procedures", "How the support team works (staff only).", false);
  const article = (actor: typeof admin, categoryId: number, title: string, body: string, status: "draft" | "published" = "published", isPublic = true) =>
    saveArticle(actor, null, { title, body, categoryId, format: "markdown", status, isPublic });
  await article(admin, account, "Reset your password", [
    "Forgot your password? You can choose a new one in a minute.",
    "",
    "1. Open the **Sign in** page and choose *Forgot your password?*",
    "2. Enter the email address of your account.",
    "3. Follow the link in the email we send you (it works for one hour).",
    "",
    "No email after a few minutes? Check your spam folder, then [open a ticket](/open).",
  ].join("\n"));
  await article(agent, account, "Change the email address of your account", [
    "Go to **Profile**, enter the new address and confirm it from the email we send there.",
    "Until you confirm, you keep signing in with the old address.",
  ].join("\n"));
  await article(admin, invoices, "Download an invoice as PDF", [
    "Every invoice is available as a PDF:",
    "",
    "- Open **Billing → Invoices**.",
    "- Choose the invoice and click **Download PDF**.",
    "",
    "> Invoices older than seven years are archived: ask us for a copy.",
  ].join("\n"));
  await article(admin, billing, "Update your payment method", "Cards and bank transfers are accepted. Change your card under **Billing → Payment method**; the next invoice uses it.");
  await article(admin, billing, "Refund policy", "Draft: waiting for legal review.", "draft");
  await article(admin, internal, "Escalating a security incident", [
    "Staff only. Page the on-call engineer, then move the ticket to **Security (private)**.",
    "",
    "```",
    "oncall page --team security --severity high",
    "```",
  ].join("\n"));
}

async function main() {
  const seeded = await seed();
  const { pool } = await import("@/db");
  await pool.end();
  const url = process.env.APP_URL ?? "http://localhost:3000";
  console.log(seeded ? "\n✔ Demo data created." : "\n✔ Existing data kept (the help desk already has staff).");
  if (seeded) console.log(`  Demo API token (shown once; header "Token: …"): ${seeded.apiToken}`);
  console.log(`
  Helpdeck:        ${url}
  Agent interface: ${url}/agent
  Admin:           ${demoLogins.admin.username} / ${demoLogins.admin.password}   (all departments, admin area)
  Agent:           ${demoLogins.agent.username} / ${demoLogins.agent.password}   (General support only)
  Customer:        ${demoLogins.customer.email} / ${demoLogins.customer.password}   (private portal: ${url}/login)
`);
}

main().catch((error) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
