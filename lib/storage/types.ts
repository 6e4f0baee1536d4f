// The one place uploaded bytes live: ticket and knowledge-base attachments, the logo, imported files.
// Several web instances share it, so nothing a request needs may stay on one machine's disk.

/** Thrown by put() when the key already holds an object: stored files are never overwritten. */
export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage key already exists: ${key}`);
    this.name = "StorageConflictError";
  }
}

/** Thrown for a key that could point outside the store (absolute, "..", control characters). */
export class StorageKeyError extends Error {
  constructor(readonly key: string) {
    super("Invalid storage key.");
    this.name = "StorageKeyError";
  }
}

export interface Storage {
  readonly driver: "fs" | "s3";
  /** Stores `data` under `key`; refuses (StorageConflictError) a key that already exists. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** The size in bytes of the object under `key`, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Removes `key`; a key already gone is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * Keys are relative, slash-separated paths ("2026/05/abc", "branding/logo-1.png"). Anything that
 * could climb out of the store's root, or confuse a file system or a URL, is refused by both drivers.
 */
export function assertKey(key: string): string {
  const segments = key.split("/");
  const bad =
    key.length === 0 ||
    key.length > 512 ||
    /[\u0000-\u001f\u007f\\]/.test(key) ||
    segments.some((segment) => segment === "" || segment === "." || segment === "..");
  if (bad) throw new StorageKeyError(key);
  return key;
}
