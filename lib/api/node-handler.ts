// The token API served straight from Node's HTTP server (scripts/server.ts), past Next's request
// pipeline: Next's routing, its stream adapters and its response handling cost about 1.5 ms of CPU on
// every API request, more than a ticket show spends in its own code. The API needs none of it: the
// router below is the whole API, and app/api/[...path]/route.ts still serves it under `next dev`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { handleApiRequest, matchRoute } from "./router";
import { apiError } from "./http";

/** The headers every response carries (next.config.mjs puts the same ones on Next's responses). */
let commonHeaders: Record<string, string> = {};

export function setCommonHeaders(headers: { key: string; value: string }[]) {
  commonHeaders = Object.fromEntries(headers.map(({ key, value }) => [key.toLowerCase(), value]));
}

/**
 * The router's path segments when the request is the token API's, else null (Next serves it: sign-in
 * under /api/auth, the health check, the API description, any path the router does not know). Paths
 * with empty segments ("/api/tickets/", "//") go to Next as well, which normalises them as it always has.
 */
export function tokenApiSegments(method: string, url: string): string[] | null {
  if (!url.startsWith("/api/")) return null;
  const path = url.slice(5).split("?", 1)[0]!;
  const segments = path.split("/");
  if (segments.some((segment) => segment === "")) return null;
  let decoded: string[];
  try {
    decoded = segments.map(decodeURIComponent);
  } catch {
    return null;
  }
  return matchRoute(method, decoded) ? decoded : null;
}

/** Bodies up to this size are read whole before the handler runs; larger ones (uploads, mail) stream. */
const BUFFERED_BODY_LIMIT = 64 * 1024;

async function readSmallBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(request: IncomingMessage, body: Buffer | Readable | null): Request {
  // From the parsed headers, not rawHeaders: scripts/server.ts has replaced the client address header there.
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const host = request.headers.host ?? "localhost";
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers };
  if (body instanceof Readable) {
    init.body = Readable.toWeb(body) as ReadableStream;
    init.duplex = "half";
  } else if (body) {
    init.body = body as Uint8Array<ArrayBuffer>;
  }
  return new Request(`http://${host}${request.url}`, init);
}

async function send(response: ServerResponse, answer: Response) {
  const headers: Record<string, string | string[]> = { ...commonHeaders };
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  if (!answer.body) {
    response.writeHead(answer.status, headers).end();
  } else if ((answer.headers.get("content-type") ?? "").startsWith("application/json")) {
    const json = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, { ...headers, "content-length": String(json.length) }).end(json);
  } else {
    response.writeHead(answer.status, headers);
    await pipeline(Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream), response);
  }
}

/** Answers one token API request (segments from `tokenApiSegments`). */
export async function serveTokenApi(request: IncomingMessage, response: ServerResponse, segments: string[]) {
  try {
    let body: Buffer | Readable | null = null;
    if (request.method !== "GET" && request.method !== "HEAD") {
      const length = Number(request.headers["content-length"]);
      body = Number.isFinite(length) && length <= BUFFERED_BODY_LIMIT ? await readSmallBody(request) : request;
    }
    await send(response, await handleApiRequest(toRequest(request, body), segments));
  } catch (error) {
    // A client that went away mid-request, or a header Node refused: nothing the client can act on.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    console.error("API request failed:", error);
    await send(response, apiError("Internal error.", 500)).catch(() => response.destroy());
  }
}
