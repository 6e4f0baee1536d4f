// Restores a backup: `npm run restore -- <folder>` into the (empty or missing) database of DATABASE_URL
// and the ATTACHMENTS_DIR folder. Run migrations afterwards when restoring into a newer version.
import "./load-env";
import { restore } from "@/lib/backup";

const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run restore -- <backup folder>");
  process.exit(2);
}
restore({ databaseUrl: process.env.DATABASE_URL!, attachmentsDir: process.env.ATTACHMENTS_DIR ?? ".data/attachments", folder })
  .then((manifest) => console.log(`Restored the backup of ${manifest.createdAt} into ${new URL(process.env.DATABASE_URL!).pathname.slice(1)}`))
  .catch((error: Error) => {
    console.error(`Restore failed: ${error.message}`);
    process.exit(1);
  });
