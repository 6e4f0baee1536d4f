// An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage, Cloudflare R2, ...) over plain fetch,
// signed with SigV4. Path-style URLs (endpoint/bucket/key), which every one of those accepts.
import { amzDate, EMPTY_PAYLOAD_HASH, sha256Hex, signV4, uriEncode } from "./sigv4";
import { assertKey, type Storage, StorageConflictError } from "./types";

export type S3Config = {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Prepended to every key ("helpdeck/"), so one bucket can serve several help desks. */
  prefix?: string;
  timeoutMs?: number;
};

/** A failed S3 call; the message names the operation, status and S3 error code, never credentials. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string | null,
    operation: string,
  ) {
    super(`S3 ${operation} failed: HTTP ${status}${s3Code ? ` ${s3Code}` : ""}`);
    this.name = "S3Error";
  }
}

const errorCode = (body: string) => /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? null;

export function s3Storage(config: S3Config): Storage {
  const endpoint = new URL(config.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const prefix = config.prefix ? config.prefix.replace(/^\/+/, "").replace(/\/*$/, "/") : "";
  const credentials = {
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: "s3",
  };

  async function send(
    method: "GET" | "PUT" | "HEAD" | "DELETE",
    key: string,
    body?: Buffer,
    extra: Record<string, string> = {},
  ) {
    // The prefix is checked with the key, so a bad S3_PREFIX cannot reach outside it either.
    const objectKey = assertKey(prefix + assertKey(key));
    const path = `${basePath}/${uriEncode(config.bucket)}/${objectKey.split("/").map(uriEncode).join("/")}`;
    const timestamp = amzDate(new Date());
    // Host as fetch will send it (URL.host drops a default port, as the request line does).
    const headers: Record<string, string> = {
      host: endpoint.host,
      "x-amz-date": timestamp,
      "x-amz-content-sha256": body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH,
      ...extra,
    };
    const { authorization } = signV4(
      { method, path, headers, payloadHash: headers["x-amz-content-sha256"]! },
      credentials,
      timestamp,
    );
    const { host: _host, ...sent } = headers;
    return fetch(new URL(path, endpoint.origin), {
      method,
      headers: { ...sent, authorization },
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(config.timeoutMs ?? 60_000),
    });
  }

  async function fail(response: Response, operation: string): Promise<never> {
    throw new S3Error(response.status, errorCode(await response.text().catch(() => "")), operation);
  }

  const storage: Storage = {
    driver: "s3",
    async put(key, data) {
      // If-None-Match: * makes the store itself refuse an existing key (AWS, MinIO, R2 and others);
      // the HEAD before it covers stores that ignore the header. Keys are random, so this is a guard.
      if ((await storage.size(key)) !== null) throw new StorageConflictError(key);
      const response = await send("PUT", key, data, { "if-none-match": "*" });
      if (response.status === 412 || response.status === 409) throw new StorageConflictError(key);
      if (!response.ok) await fail(response, "PUT");
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send("GET", key);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) await fail(response, "GET");
      return Buffer.from(await response.arrayBuffer());
    },
    async size(key) {
      const response = await send("HEAD", key);
      await response.body?.cancel();
      if (response.status === 404) return null;
      if (!response.ok) throw new S3Error(response.status, null, "HEAD");
      return Number(response.headers.get("content-length") ?? 0);
    },
    async delete(key) {
      const response = await send("DELETE", key);
      if (!response.ok && response.status !== 404) await fail(response, "DELETE");
      await response.body?.cancel();
    },
  };
  return storage;
}
