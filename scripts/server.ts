// The production server: Next's request handler behind a plain Node HTTP server, so that the client
// address the app sees (rate limits, API key allow-lists, audit) comes from the socket and from
// X-Forwarded-For only as far as TRUSTED_PROXIES wrote it. `next start` alone would believe any
// X-Forwarded-For a client sends.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { clientAddress } from "../lib/ip";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
// Default: a reverse proxy on this machine (nginx, Caddy) is trusted; direct clients are not.
const trustedProxies = process.env.TRUSTED_PROXIES ?? "127.0.0.1, ::1";

/** True when the path holds a percent-escape that is not valid UTF-8 (tests/e2e/security/fuzz-api.test.ts). */
function hasMalformedPath(url: string | undefined): boolean {
  const pathname = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

async function main() {
  const dir = path.resolve(import.meta.dirname, "..");
  const app = next({ dev: false, dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Loaded once Next has read the .env files: the app's modules check the environment as they load.
  const { serveTokenApi, setCommonHeaders, tokenApiSegments } = await import("../lib/api/node-handler");
  // The same response headers as Next puts on its own responses (next.config.mjs).
  const config = (await import(pathToFileURL(path.join(dir, "next.config.mjs")).href)) as { default: NextConfig };
  setCommonHeaders((await config.default.headers?.())?.find((rule) => rule.source === "/:path*")?.headers ?? []);
  const server = createServer((request, response) => {
    if (hasMalformedPath(request.url)) {
      // Next answers a path it cannot percent-decode (%FF, an encoded lone surrogate) with a bare 500.
      // It is the client's mistake: a 400, in the token API's JSON shape under /api/.
      const api = request.url!.startsWith("/api/");
      response.writeHead(400, {
        "content-type": api ? "application/json; charset=UTF-8" : "text/plain; charset=utf-8",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
      response.end(api ? JSON.stringify({ error: 1, message: "Malformed URL." }) : "Bad request: malformed URL.");
      return;
    }
    const forwardedFor = request.headers["x-forwarded-for"];
    request.headers["x-helpdeck-client-ip"] = clientAddress(
      request.socket.remoteAddress ?? "",
      Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
      trustedProxies,
    );
    // The token API skips Next's request pipeline (lib/api/node-handler.ts); everything else is Next's.
    const apiSegments = tokenApiSegments(request.method ?? "GET", request.url!);
    if (apiSegments) void serveTokenApi(request, response, apiSegments);
    else void handle(request, response);
  });
  server.listen(port, hostname, () => console.log(`› Helpdeck listening on http://${hostname}:${port}`));
  const lmtp = await startLmtp();
  const stop = () => {
    lmtp?.close();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** The LMTP door for the MTA, when LMTP_LISTEN asks for it (lib/mail/lmtp.ts). */
async function startLmtp() {
  const { env } = await import("../lib/env");
  const listen = env.LMTP_LISTEN;
  if (!listen) return null;
  const { startLmtpServer } = await import("../lib/mail/lmtp");
  const lmtp = await startLmtpServer(listen);
  console.log(`› LMTP for the MTA on ${"path" in listen ? listen.path : `${listen.host}:${listen.port}`}`);
  return lmtp;
}

main().catch((error) => {
  console.error("The server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
