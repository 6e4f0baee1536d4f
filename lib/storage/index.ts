import { env } from "../env";
import { fsStorage } from "./fs";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export { assertKey, type Storage, StorageConflictError, StorageKeyError } from "./types";
export { fsStorage } from "./fs";
export { s3Storage, S3Error, type S3Config } from "./s3";

let current: Storage | null = null;

/** The store configured by STORAGE_DRIVER (lib/env.ts checks the S3 settings are all there). */
export function storageFromEnv(): Storage {
  if (env.STORAGE_DRIVER === "s3") {
    return s3Storage({
      endpoint: env.S3_ENDPOINT!,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      prefix: env.S3_PREFIX,
    });
  }
  return fsStorage(env.ATTACHMENTS_DIR);
}

/** The store every upload goes through. */
export function storage(): Storage {
  return (current ??= storageFromEnv());
}

/** Swaps the store (tests point the app at an S3 server this way); null goes back to the configured one. */
export function setStorage(next: Storage | null) {
  current = next;
}
