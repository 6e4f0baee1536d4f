import { ApiFailure } from "./http";

/**
 * A request body as bytes, refused with HTTP 413 once it passes `maxBytes`: counted while it streams in,
 * so that a sender without (or lying about) Content-Length cannot make the server hold more.
 */
export async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new ApiFailure(`The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, 413);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}
