// The S3 storage driver against a real S3-compatible server on loopback (s3rver, from npm): objects go
// over HTTP with path-style URLs and SigV4 headers, and a ticket's attachment is stored in the bucket
// and downloaded through the public-link route. s3rver checks the access key but, unlike AWS/MinIO, does
// not recompute V4 signatures: the signature itself is proved by the AWS test vectors (tests/unit/storage).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import mysql from "mysql2/promise";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as downloadByLink } from "@/app/(portal)/t/[token]/attachments/[id]/route";
import { db } from "@/db";
import { attachments } from "@/db/schema";
import { readAttachmentFile } from "@/lib/attachments";
import { backup, restore } from "@/lib/backup";
import { env } from "@/lib/env";
import { readLogo, removeLogo, saveLogo } from "@/lib/settings/branding";
import {
  fsStorage,
  s3Storage,
  S3Error,
  setStorage,
  type Storage,
  StorageConflictError,
  StorageKeyError,
} from "@/lib/storage";
import { createTicket } from "@/lib/tickets/create";
import { deleteTicket } from "@/lib/tickets/delete";
import { makeCustomer, makeDepartment, unique } from "../../support/factories";

const bucket = "helpdeck-test";
const folder = mkdtempSync(path.join(os.tmpdir(), "helpdeck-s3-"));
let server: S3rver;
let endpoint = "";
let store: Storage;
const config = () => ({
  endpoint,
  region: "us-east-1",
  bucket,
  accessKeyId: "S3RVER",
  secretAccessKey: "S3RVER",
  prefix: "desk-a",
});
// Reads the raw object, bypassing the driver: where did the bytes really land?
const rawObject = (key: string) => fetch(`${endpoint}/${bucket}/${key}`);

beforeAll(async () => {
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: folder,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  store = s3Storage(config());
});

const restoredUrl = new URL(process.env.DATABASE_URL!);
restoredUrl.pathname = `/${restoredUrl.pathname.slice(1)}_s3_restored`;
async function dropRestored() {
  const connection = await mysql.createConnection(process.env.DATABASE_URL!);
  await connection.query(`DROP DATABASE IF EXISTS \`${restoredUrl.pathname.slice(1)}\``);
  await connection.end();
}

afterAll(async () => {
  setStorage(null);
  await dropRestored();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("S3 storage driver", () => {
  it("puts, gets, sizes and deletes an object; a missing key is null, deleting it again is fine", async () => {
    const key = `2026/05/${unique("obj")}`;
    const data = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from("binary-safe")]);
    await store.put(key, data);
    expect(await store.get(key)).toEqual(data);
    expect(await store.size(key)).toBe(data.length);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.size(key)).toBeNull();
    await store.delete(key);
  });

  it("refuses to overwrite an existing key and keeps the first bytes", async () => {
    const key = `2026/05/${unique("once")}`;
    await store.put(key, Buffer.from("first"));
    await expect(store.put(key, Buffer.from("second"))).rejects.toBeInstanceOf(StorageConflictError);
    expect((await store.get(key))?.toString()).toBe("first");
  });

  it("stores under the prefix, with keys URI-encoded on the wire (spaces, non-ASCII)", async () => {
    const key = `branding/${unique("logo é +")}.png`;
    await store.put(key, Buffer.from("png"));
    expect((await store.get(key))?.toString()).toBe("png");
    const raw = await rawObject(`desk-a/${key.split("/").map(encodeURIComponent).join("/")}`);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe("png");
  });

  it("refuses keys that could climb out of the prefix, before any request", async () => {
    for (const key of ["../desk-b/x", "/abs", "a//b", ""])
      await expect(store.get(key)).rejects.toBeInstanceOf(StorageKeyError);
  });

  it("reports the server's refusal of unknown credentials as an S3 error, not as a missing file", async () => {
    const stranger = s3Storage({ ...config(), accessKeyId: "NOT-A-KEY" });
    await expect(stranger.get("anything")).rejects.toMatchObject({
      name: "S3Error",
      status: 403,
      s3Code: "InvalidAccessKeyId",
    });
    await expect(stranger.put("anything", Buffer.from("x"))).rejects.toBeInstanceOf(S3Error);
  });
});

describe("attachments with STORAGE_DRIVER=s3", () => {
  it("a ticket's attachment is stored in the bucket, downloaded through the ticket link with its headers, and removed with the ticket", async () => {
    setStorage(store);
    try {
      const department = await makeDepartment();
      const customer = await makeCustomer();
      const data = Buffer.from("PK\u0003\u0004 not really a zip");
      const ticket = await createTicket({
        requester: { userId: customer.id },
        departmentId: department.id,
        subject: unique("In the bucket "),
        message: "See the archive.",
        source: "api",
        openedBy: { type: "api" },
        files: [{ filename: "logs.zip", contentType: "application/zip", data }],
      });
      const [row] = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
      expect(row).toBeDefined();

      // In the bucket, under the prefix; not on this machine's disk.
      expect(Buffer.from(await (await rawObject(`desk-a/${row!.storageKey}`)).arrayBuffer())).toEqual(data);
      expect(await fsStorage(env.ATTACHMENTS_DIR).size(row!.storageKey)).toBeNull();
      expect(await readAttachmentFile(row!.storageKey)).toEqual(data);

      const response = await downloadByLink(new Request("http://localhost/"), {
        params: Promise.resolve({ token: ticket.publicToken, id: String(row!.id) }),
      });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(data);
      expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''logs.zip");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-type")).toBe("application/octet-stream");

      // A wrong token still finds nothing, whatever the bucket holds.
      const stranger = await downloadByLink(new Request("http://localhost/"), {
        params: Promise.resolve({ token: "nope", id: String(row!.id) }),
      });
      expect(stranger.status).toBe(404);

      await deleteTicket(ticket.id);
      expect(await store.get(row!.storageKey)).toBeNull();
      await expect(readAttachmentFile(row!.storageKey)).rejects.toMatchObject({ code: "not_found" });
    } finally {
      setStorage(null);
    }
  });

  it("the logo is kept in the bucket too", async () => {
    setStorage(store);
    try {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from("rest of a png"),
      ]);
      const { file } = await saveLogo(png);
      expect(
        Buffer.from(await (await rawObject(`desk-a/branding/${encodeURIComponent(file)}`)).arrayBuffer()),
      ).toEqual(png);
      expect(await readLogo()).toEqual({ data: png, type: "image/png" });
      await removeLogo();
      expect(await store.get(`branding/${file}`)).toBeNull();
    } finally {
      setStorage(null);
    }
  });
});

describe("backup and restore with a bucket", () => {
  it("a backup taken with S3 holds the database only; a filesystem backup's files restore into the bucket", async () => {
    const onDisk = fsStorage(path.join(folder, "disk"));
    const key = `2026/05/${unique("moved")}`;
    await onDisk.put(key, Buffer.from("from the old server"));

    const withBucket = await backup({
      databaseUrl: process.env.DATABASE_URL!,
      attachmentsDir: null,
      folder: path.join(folder, "bucket-backup"),
    });
    expect(withBucket.attachments).toBeNull();
    expect(existsSync(path.join(folder, "bucket-backup", "attachments.tar"))).toBe(false);

    await backup({
      databaseUrl: process.env.DATABASE_URL!,
      attachmentsDir: path.join(folder, "disk"),
      folder: path.join(folder, "disk-backup"),
    });
    await dropRestored();
    const target = s3Storage({ ...config(), prefix: unique("restored") });
    await restore({
      databaseUrl: restoredUrl.toString(),
      attachmentsDir: path.join(folder, "unused"),
      folder: path.join(folder, "disk-backup"),
      bucket: target,
    });
    expect((await target.get(key))?.toString()).toBe("from the old server");
    expect(existsSync(path.join(folder, "unused"))).toBe(false);
  });
});

describe("S3 configuration", () => {
  it("refuses to start with STORAGE_DRIVER=s3 and missing or malformed S3 settings, naming each", async () => {
    const load = promisify(execFile)("npx", ["tsx", "-e", 'import("./lib/env")'], {
      env: {
        ...process.env,
        STORAGE_DRIVER: "s3",
        S3_ENDPOINT: "not a url",
        S3_BUCKET: "",
        S3_ACCESS_KEY_ID: "",
        S3_SECRET_ACCESS_KEY: "",
      },
      timeout: 60_000,
    });
    const failure = await load.then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toMatch(/S3_ENDPOINT: S3_ENDPOINT must be a URL/);
    for (const name of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"])
      expect(failure).toContain(`${name} is required when STORAGE_DRIVER=s3`);
  });
});
