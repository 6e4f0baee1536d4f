import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/security-headers";

// Two jobs, both before a page renders:
// 1. A fresh CSP nonce per page (Next reads it from the request's CSP header and puts it on its scripts).
// 2. Convenience only: people without a session cookie are sent to the right sign-in page. Every page,
//    action and route checks the session and permissions itself (lib/auth).
const sessionCookies = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const signedInAreas = /^\/(agent(?!\/login)(\/|$)|admin(\/|$)|account(\/|$))/;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (signedInAreas.test(pathname) && !sessionCookies.some((name) => request.cookies.has(name))) {
    const signIn = pathname.startsWith("/account") ? "/login" : "/agent/login";
    return NextResponse.redirect(new URL(signIn, request.url));
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: the token API, downloads (their own strict policy) and static files skip the proxy.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|attachments/|branding/|t/[^/]+/attachments/|kb/attachments/).*)"],
};
