// Restores a backup: `npm run restore -- <folder>` into the (empty or missing) database of DATABASE_URL
// and the ATTACHMENTS_DIR folder, or with STORAGE_DRIVER=s3 the configured bucket (the archived files are
// uploaded to it). Run migrations afterwards when restoring into a newer version.
import "./load-env";
import { restore } from "@/lib/backup";
import { env } from "@/lib/env";
import { storageFromEnv } from "@/lib/storage";

const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run restore -- <backup folder>");
  process.exit(2);
}
const bucket = env.STORAGE_DRIVER === "s3" ? storageFromEnv() : undefined;
restore({ databaseUrl: env.DATABASE_URL, attachmentsDir: env.ATTACHMENTS_DIR, folder, bucket })
  .then((manifest) => {
    console.log(`Restored the backup of ${manifest.createdAt} into ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
    if (manifest.attachments === null) console.log("This backup holds no attachment files: they live in the S3 bucket it was taken from.");
  })
  .catch((error: Error) => {
    console.error(`Restore failed: ${error.message}`);
    process.exit(1);
  });
