import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, mkdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertKey, type Storage, StorageConflictError, StorageKeyError } from "./types";

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | null)?.code === code;

/** Files under one folder, a key being a relative path inside it. */
export function fsStorage(rootDir: string): Storage {
  const root = path.resolve(rootDir);
  // Key checks first, then the resolved path must still be inside the root (defence in depth).
  const fileOf = (key: string) => {
    const full = path.resolve(root, assertKey(key));
    if (!full.startsWith(root + path.sep)) throw new StorageKeyError(key);
    return full;
  };

  return {
    driver: "fs",
    async put(key, data) {
      const full = fileOf(key);
      await mkdir(path.dirname(full), { recursive: true });
      // Written aside, then hard-linked into place: link() fails on an existing name, so a file is never
      // overwritten, and nobody ever reads a half-written one.
      const temporary = `${full}.${randomBytes(6).toString("hex")}.part`;
      await writeFile(temporary, data, { flag: "wx" });
      try {
        await link(temporary, full).catch((error: unknown) => {
          // A file system without hard links: an exclusive copy still never overwrites.
          if (["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].some((code) => isCode(error, code)))
            return copyFile(temporary, full, constants.COPYFILE_EXCL);
          throw error;
        });
      } catch (error) {
        if (isCode(error, "EEXIST")) throw new StorageConflictError(key);
        throw error;
      } finally {
        await unlink(temporary).catch(() => {});
      }
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if (isCode(error, "ENOENT") || isCode(error, "EISDIR") || isCode(error, "ENOTDIR")) return null;
        throw error;
      }
    },
    async size(key) {
      try {
        const info = await stat(fileOf(key));
        return info.isFile() ? info.size : null;
      } catch (error) {
        if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
