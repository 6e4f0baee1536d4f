// AWS Signature Version 4 (header form), the one signing scheme every S3-compatible store accepts.
// Pure: the caller supplies the clock, so the published test vectors pin it down exactly.
import { createHash, createHmac } from "node:crypto";

export type SigV4Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
};

export type SigV4Request = {
  method: string;
  /** The path exactly as sent on the wire, already URI-encoded (S3 signs it without normalising). */
  path: string;
  query?: [string, string][];
  /** Every header to sign, host and x-amz-date included; names in any case. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (or "UNSIGNED-PAYLOAD"). */
  payloadHash: string;
};

export const EMPTY_PAYLOAD_HASH = createHash("sha256").update("").digest("hex");

export const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX (upper case). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** "20150830T123600Z" from a Date. */
export const amzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

export function canonicalRequest(request: SigV4Request) {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(";");
  const query = (request.query ?? [])
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak !== bk ? (ak < bk ? -1 : 1) : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const text = [
    request.method.toUpperCase(),
    request.path || "/",
    query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders,
    request.payloadHash,
  ].join("\n");
  return { text, signedHeaders };
}

/** The Authorization header value for `request`, signed at `timestamp` (must equal its x-amz-date). */
export function signV4(request: SigV4Request, credentials: SigV4Credentials, timestamp: string) {
  const day = timestamp.slice(0, 8);
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const canonical = canonicalRequest(request);
  const stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, sha256Hex(canonical.text)].join("\n");
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), credentials.service),
    "aws4_request",
  );
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`,
    signature,
    canonicalRequest: canonical.text,
    stringToSign,
  };
}
