// API keys from the command line. The token is printed once; only its hash is stored.
//   npm run api-key -- create --name "CRM" [--permissions all|users/read,tickets/create,...] [--ip "10.0.0.0/8"] [--rate 600]
//   npm run api-key -- list
//   npm run api-key -- regenerate <id> | activate <id> | deactivate <id> | delete <id>
import "./load-env";
import { parseArgs } from "node:util";

const usage = `Usage:
  npm run api-key -- create --name NAME [--permissions all|p1,p2] [--ip LIST] [--rate N]
  npm run api-key -- list
  npm run api-key -- regenerate ID | activate ID | deactivate ID | delete ID
Permissions: users/{create,read,update,delete}, departments/{create,read,update,delete},
  tickets/{create,read,update,delete}, messages/{create,read}, attachments/{read,download,delete},
  staff/{read,auth}; "all" grants every one, "read" every read.`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      permissions: { type: "string", default: "all" },
      ip: { type: "string", default: "" },
      rate: { type: "string", default: "600" },
    },
  });
  const [command, idText] = positionals;
  const keys = await import("@/lib/api-keys");
  const id = Number(idText);
  switch (command) {
    case "create": {
      if (!values.name) throw new Error("--name is required");
      const requested = values.permissions!.split(",").map((p) => p.trim()).filter(Boolean);
      const permissions = requested.includes("all")
        ? keys.allApiPermissions
        : requested.includes("read")
          ? keys.allApiPermissions.filter((p) => p.endsWith("/read"))
          : requested.map((p) => {
              if (!keys.isApiPermission(p)) throw new Error(`Unknown permission: ${p}`);
              return p;
            });
      const rate = Number(values.rate);
      if (!Number.isInteger(rate) || rate < 0) throw new Error("--rate must be a whole number (0 = no limit)");
      const key = await keys.createApiKey({ name: values.name, permissions, ipAllowlist: values.ip, rateLimitPerMinute: rate });
      console.error(`› API key #${key.id} created with ${permissions.length} permission(s). The token is shown only now:`);
      console.log(key.token);
      break;
    }
    case "list": {
      for (const key of await keys.listApiKeys()) {
        console.log(
          `#${key.id}\t${key.active ? "active" : "inactive"}\t${key.tokenPrefix}…\t${key.name}\t${key.permissions.length} permissions\tlast used ${key.lastUsedAt?.toISOString() ?? "never"}`,
        );
      }
      break;
    }
    case "regenerate": {
      const key = await keys.regenerateApiKey(id);
      console.error(`› new token for API key #${id}; the old one no longer works. Shown only now:`);
      console.log(key.token);
      break;
    }
    case "activate":
    case "deactivate":
      await keys.setApiKeyActive(id, command === "activate");
      console.error(`› API key #${id} ${command}d`);
      break;
    case "delete":
      await keys.deleteApiKey(id);
      console.error(`› API key #${id} deleted`);
      break;
    default:
      console.error(usage);
      process.exitCode = 2;
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    const { pool } = await import("@/db");
    await pool.end();
  });
