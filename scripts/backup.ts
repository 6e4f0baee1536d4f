// Backs up the help desk: `npm run backup -- [folder]` writes database.sql (mariadb-dump, one consistent
// snapshot), attachments.tar and manifest.json into the folder (default backups/<date-time>). With
// STORAGE_DRIVER=s3 the files stay in the bucket (version or copy it yourself) and only the database is saved.
import "./load-env";
import path from "node:path";
import { backup } from "@/lib/backup";
import { env } from "@/lib/env";

const folder = process.argv[2] ?? path.join("backups", new Date().toISOString().replace(/[:.]/g, "-"));
const inBucket = env.STORAGE_DRIVER === "s3";
backup({ databaseUrl: env.DATABASE_URL, attachmentsDir: inBucket ? null : env.ATTACHMENTS_DIR, folder })
  .then((manifest) => {
    console.log(`Backed up ${manifest.database} to ${folder}`);
    if (inBucket) console.log(`Attachments are in the bucket ${env.S3_BUCKET} and not in this backup: keep that bucket versioned or copied.`);
  })
  .catch((error: Error) => {
    console.error(`Backup failed: ${error.message}`);
    process.exit(1);
  });
