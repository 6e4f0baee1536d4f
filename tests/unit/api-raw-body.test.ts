import { describe, expect, it } from "vitest";
import { ApiFailure } from "@/lib/api/http";
import { readRawBody } from "@/lib/api/raw-body";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://desk.test/api/mail", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body streamed in chunks, without Content-Length, as a sender that does not announce its size. */
function streamed(chunks: number, size: number) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(65));
    },
  });
}

describe("readRawBody (the body of POST /api/mail)", () => {
  it("returns the bytes as sent", async () => {
    const bytes = Buffer.from("From: a@b.test\r\n\r\nHi \xff", "latin1");
    expect(await readRawBody(post(new Uint8Array(bytes)), 1024)).toEqual(bytes);
  });

  it("refuses with HTTP 413 a body announced larger than the limit, before reading it", async () => {
    const refused = await readRawBody(post("x".repeat(10), { "content-length": "2000" }), 1024).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ status: 413 });
  });

  it("refuses with HTTP 413 a streamed body once it passes the limit", async () => {
    const refused = await readRawBody(post(streamed(10, 300)), 1024).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 413 });
    expect(await readRawBody(post(streamed(3, 300)), 1024)).toHaveLength(900);
  });
});
