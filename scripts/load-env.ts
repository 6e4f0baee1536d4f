// Scripts run outside Next.js, which would otherwise load .env for us. Import this first.
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "mysql://helpdeck:helpdeck@127.0.0.1:3391/helpdeck";
