// Seeds a private fault-test database through the domain functions (run as a child process with that
// database's DATABASE_URL: the test process's own pool points at the shared test database).
// Prints {"departmentId","addressEmail","userId","token"} on stdout.
import { db, pool } from "@/db";
import { departments, emailAddresses, users } from "@/db/schema";
import { allApiPermissions, createApiKey } from "@/lib/api-keys";
import { saveSettings } from "@/lib/settings";

async function main() {
  const [department] = await db.insert(departments).values({ name: "Fault support" }).$returningId();
  const addressEmail = "support@fault.example.test";
  await db.insert(emailAddresses).values({
    email: addressEmail,
    senderName: "Fault desk",
    departmentId: department!.id,
    smtpHost: "127.0.0.1",
    smtpPort: 9, // nothing listens, and MAIL_WORKER=off: no mail leaves this test
    smtpSecurity: "none",
    incoming: "pipe",
  });
  const [user] = await db.insert(users).values({ email: "api-requester@fault.example.test", fullname: "API Requester" }).$returningId();
  // 0 = no per-key limit: the load must be refused only by the outage, never by the rate limiter.
  const key = await createApiKey({ name: "fault load", permissions: allApiPermissions, rateLimitPerMinute: 0 });
  await saveSettings({ portalTicketsPerHourPerIp: 100_000 });
  process.stdout.write(
    JSON.stringify({ departmentId: department!.id, addressEmail, userId: user!.id, token: key.token }),
  );
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
