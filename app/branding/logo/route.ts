import { readLogo } from "@/lib/settings/branding";

/** The help desk's uploaded logo (public: it appears on the portal and in the staff header). */
export async function GET(request: Request) {
  const logo = await readLogo();
  if (!logo) return Response.redirect(new URL("/logo.svg", request.url), 302);
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "Content-Type": logo.type,
      "Content-Length": String(logo.data.length),
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
