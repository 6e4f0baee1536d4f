// Backs up the help desk: `npm run backup -- [folder]` writes database.sql (mariadb-dump, one consistent
// snapshot), attachments.tar and manifest.json into the folder (default backups/<date-time>).
import "./load-env";
import path from "node:path";
import { backup } from "@/lib/backup";

const folder = process.argv[2] ?? path.join("backups", new Date().toISOString().replace(/[:.]/g, "-"));
backup({ databaseUrl: process.env.DATABASE_URL!, attachmentsDir: process.env.ATTACHMENTS_DIR ?? ".data/attachments", folder })
  .then((manifest) => console.log(`Backed up ${manifest.database} to ${folder}`))
  .catch((error: Error) => {
    console.error(`Backup failed: ${error.message}`);
    process.exit(1);
  });
