import { z } from "zod";
import { parseLmtpListen } from "./mail/lmtp-listen";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .url("DATABASE_URL must be a URL such as mysql://user:pass@127.0.0.1:3391/helpdeck")
    .refine((value) => value.startsWith("mysql://") || value.startsWith("mariadb://"), "DATABASE_URL must be mysql://"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // How long each instance may keep API keys and settings in memory (0: read them on every request).
  HELPDECK_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  APP_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  HELPDECK_SECRET_KEY: z.string().min(16, "HELPDECK_SECRET_KEY must be at least 16 characters").optional(),
  ATTACHMENTS_DIR: z.string().default(".data/attachments"),
  // Where uploads live: "fs" (ATTACHMENTS_DIR, one machine) or "s3" (a bucket shared by every instance).
  STORAGE_DRIVER: z.enum(["fs", "s3"]).default("fs"),
  S3_ENDPOINT: z.union([z.literal(""), z.string().url("S3_ENDPOINT must be a URL such as https://s3.eu-west-1.amazonaws.com")]).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  // Empty counts as unset, so a .env with blank S3 lines still starts with the fs driver.
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().default(""),
  // The LMTP door for the MTA (lib/mail/lmtp.ts): a port, host:port or a Unix socket path; unset: off.
  LMTP_LISTEN: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return parseLmtpListen(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HELPDECK_TEST: z.string().optional(),
}).superRefine((value, ctx) => {
  if (value.STORAGE_DRIVER !== "s3") return;
  for (const name of ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
    if (!value[name]) ctx.addIssue({ code: "custom", path: [name], message: `${name} is required when STORAGE_DRIVER=s3` });
  }
});

export type Env = z.infer<typeof envSchema>;

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration (see .env.example):\n${problems}`);
  }
  const env = parsed.data;
  // Tests wipe data: they must never be pointed at a database on another machine.
  if (env.HELPDECK_TEST && !loopbackHosts.has(new URL(env.DATABASE_URL).hostname)) {
    throw new Error("Refusing to run tests against a non-loopback DATABASE_URL");
  }
  return env;
}

export const env = loadEnv();

/** Secret used to sign sessions and encrypt secrets at rest; required outside development and tests. */
export function requireSecret(name: "NEXTAUTH_SECRET" | "HELPDECK_SECRET_KEY"): string {
  const value = env[name] ?? (env.NODE_ENV === "production" ? undefined : `dev-only-${name}-not-secret`);
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
