import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { amzDate, EMPTY_PAYLOAD_HASH, signV4, uriEncode } from "@/lib/storage/sigv4";
import { fsStorage } from "@/lib/storage/fs";
import { assertKey, StorageConflictError, StorageKeyError } from "@/lib/storage/types";

// Expected values typed from AWS's Signature Version 4 test suite (aws-sig-v4-test-suite, 2015-08-30,
// credentials AKIDEXAMPLE) and from the Amazon S3 API reference's header-signing example.
const suite = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
};
const suiteHeaders = { Host: "example.amazonaws.com", "X-Amz-Date": "20150830T123600Z" };
const suiteAuth = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;

describe("SigV4 signing, against the published test vectors", () => {
  it("get-vanilla: canonical request, string to sign and signature", () => {
    const signed = signV4(
      { method: "GET", path: "/", headers: suiteHeaders, payloadHash: EMPTY_PAYLOAD_HASH },
      suite,
      "20150830T123600Z",
    );
    expect(signed.canonicalRequest).toBe(
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
    );
    expect(signed.authorization).toBe(
      suiteAuth("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    );
  });

  it("get-vanilla-empty-query-key: a query parameter is signed", () => {
    const signed = signV4(
      {
        method: "GET",
        path: "/",
        query: [["Param1", "value1"]],
        headers: suiteHeaders,
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      suite,
      "20150830T123600Z",
    );
    expect(signed.authorization).toBe(
      suiteAuth("host;x-amz-date", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
    );
  });

  it("get-space: a space in the path is signed percent-encoded", () => {
    const path = "/" + ["example space", ""].map(uriEncode).join("/");
    expect(path).toBe("/example%20space/");
    const signed = signV4(
      { method: "GET", path, headers: suiteHeaders, payloadHash: EMPTY_PAYLOAD_HASH },
      suite,
      "20150830T123600Z",
    );
    expect(signed.authorization).toBe(
      suiteAuth("host;x-amz-date", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
    );
  });

  it("get-header-value-trim: header values are trimmed and inner runs of spaces folded (canonical request)", () => {
    const headers = { ...suiteHeaders, "My-Header1": " value1", "My-Header2": ' "a   b   c"' };
    const signed = signV4(
      { method: "GET", path: "/", headers, payloadHash: EMPTY_PAYLOAD_HASH },
      suite,
      "20150830T123600Z",
    );
    expect(signed.canonicalRequest).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it("S3's GET object example: Range and x-amz-content-sha256 signed, service s3", () => {
    const signed = signV4(
      {
        method: "GET",
        path: "/test.txt",
        headers: {
          Host: "examplebucket.s3.amazonaws.com",
          Range: "bytes=0-9",
          "x-amz-content-sha256": EMPTY_PAYLOAD_HASH,
          "x-amz-date": "20130524T000000Z",
        },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1",
        service: "s3",
      },
      "20130524T000000Z",
    );
    expect(signed.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(signed.authorization).toContain("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date");
  });

  it("formats the timestamp and encodes per RFC 3986", () => {
    expect(amzDate(new Date("2015-08-30T12:36:00.123Z"))).toBe("20150830T123600Z");
    expect(uriEncode("a b!*'()~_-.é")).toBe("a%20b%21%2A%27%28%29~_-.%C3%A9");
  });
});

describe("storage keys", () => {
  it("accepts relative slash-separated keys and refuses anything that could leave the store", () => {
    expect(assertKey("2026/05/abc_-DEF")).toBe("2026/05/abc_-DEF");
    expect(assertKey("branding/logo-1.png")).toBe("branding/logo-1.png");
    for (const key of [
      "",
      "/etc/passwd",
      "../x",
      "a/../../x",
      "a/./b",
      "a//b",
      "a/",
      "a\\..\\b",
      "a\u0000b",
      "x".repeat(513),
    ]) {
      expect(() => assertKey(key)).toThrow(StorageKeyError);
    }
  });
});

describe("filesystem storage", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "helpdeck-storage-"));
  const store = fsStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("stores, reads, sizes and deletes a file; a missing key reads as null", async () => {
    await store.put("2026/05/one", Buffer.from("hello"));
    expect((await store.get("2026/05/one"))?.toString()).toBe("hello");
    expect(await store.size("2026/05/one")).toBe(5);
    await store.delete("2026/05/one");
    expect(await store.get("2026/05/one")).toBeNull();
    expect(await store.size("2026/05/one")).toBeNull();
    await store.delete("2026/05/one");
  });

  it("never overwrites a stored file, and leaves no temporary file behind", async () => {
    await store.put("2026/05/two", Buffer.from("first"));
    await expect(store.put("2026/05/two", Buffer.from("second"))).rejects.toBeInstanceOf(
      StorageConflictError,
    );
    expect((await store.get("2026/05/two"))?.toString()).toBe("first");
    expect(readdirSync(path.join(root, "2026/05"))).toEqual(["two"]);
  });

  it("refuses keys outside its folder, even when such a file exists", async () => {
    writeFileSync(path.join(root, "..", "outside-helpdeck-storage"), "secret");
    await expect(store.get("../outside-helpdeck-storage")).rejects.toBeInstanceOf(StorageKeyError);
    await expect(store.put("../escape", Buffer.from("x"))).rejects.toBeInstanceOf(StorageKeyError);
    await expect(store.delete("/etc/passwd")).rejects.toBeInstanceOf(StorageKeyError);
    rmSync(path.join(root, "..", "outside-helpdeck-storage"), { force: true });
  });
});
