// Admin CLI: create staff and API keys from a shell on the server (e.g. when locked out).
//   npm run admin -- create-admin --username ada --email ada@example.com --name "Ada" --password '…'
//   npm run admin -- create-agent --username sam --email sam@example.com --name "Sam" --password '…' --departments 1,2
//   npm run admin -- set-password --username ada --password '…'
//   npm run admin -- api-key --name "CRM" [--permissions tickets/read,tickets/create] [--ip 10.0.0.0/8] [--rate-limit 600]
import "./load-env";
import { parseArgs } from "node:util";
import { z } from "zod";

const usage = `Usage: npm run admin -- <create-admin|create-agent|set-password|api-key> [options]
  create-admin|create-agent  --username U --email E --name N --password P [--departments 1,2]
  set-password               --username U --password P
  api-key                    --name N [--permissions p1,p2 (default: all)] [--ip "a.b.c.d, 10.0.0.0/8"]
                             [--rate-limit requests per minute (default 600; 0: none, e.g. for an MTA's mail/create key)]`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      departments: { type: "string" },
      permissions: { type: "string" },
      ip: { type: "string" },
      "rate-limit": { type: "string" },
    },
  });
  const { emailSchema, newPasswordSchema } = await import("@/lib/validation/auth");

  switch (command) {
    case "create-admin":
    case "create-agent": {
      const input = z
        .object({
          username: z.string().min(3, "--username: at least 3 characters"),
          email: emailSchema,
          name: z.string().min(1, "--name is required"),
          password: newPasswordSchema,
          departments: z.string().optional(),
        })
        .parse(values);
      const { createStaffMember } = await import("@/lib/staff/manage");
      const departmentIds = input.departments?.split(",").map(Number).filter(Number.isInteger) ?? [];
      const created = await createStaffMember({
        username: input.username,
        email: input.email,
        fullname: input.name,
        password: input.password,
        role: command === "create-admin" ? "admin" : "agent",
        departmentIds,
      });
      console.log(`Created ${command === "create-admin" ? "admin" : "agent"} #${created.id} (${input.username}).`);
      break;
    }
    case "set-password": {
      const input = z.object({ username: z.string().min(1), password: newPasswordSchema }).parse(values);
      const { setStaffPassword } = await import("@/lib/staff/manage");
      await setStaffPassword(input.username, input.password);
      console.log(`Password changed for ${input.username}.`);
      break;
    }
    case "api-key": {
      const input = z
        .object({
          name: z.string().min(1, "--name is required"),
          permissions: z.string().optional(),
          ip: z.string().optional(),
          "rate-limit": z.coerce.number().int().min(0).optional(),
        })
        .parse(values);
      const { allApiPermissions, createApiKey, isApiPermission } = await import("@/lib/api-keys");
      const requested = input.permissions?.split(",").map((p) => p.trim()) ?? allApiPermissions;
      const unknown = requested.filter((p) => !isApiPermission(p));
      if (unknown.length) throw new Error(`Unknown permissions: ${unknown.join(", ")}. Known: ${allApiPermissions.join(", ")}`);
      const key = await createApiKey({
        name: input.name,
        permissions: requested.filter(isApiPermission),
        ipAllowlist: input.ip?.replace(/,\s*/g, "\n"),
        rateLimitPerMinute: input["rate-limit"],
      });
      console.log(`API key #${key.id} created. Its token is shown only now:\n\n  ${key.token}\n`);
      break;
    }
    default:
      console.error(usage);
      process.exitCode = 2;
      return;
  }
}

main()
  .catch((error) => {
    if (error instanceof z.ZodError) console.error(error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    const { pool } = await import("@/db");
    await pool.end();
  });
