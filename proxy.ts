import { NextResponse, type NextRequest } from "next/server";

// Convenience only: sends people without a session cookie to the right sign-in page. Every page,
// action and route checks the session and permissions itself (lib/auth).
const sessionCookies = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = sessionCookies.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const { pathname } = request.nextUrl;
  const signIn = pathname.startsWith("/account") ? "/login" : "/agent/login";
  return NextResponse.redirect(new URL(signIn, request.url));
}

export const config = {
  matcher: ["/agent", "/agent/((?!login).*)", "/admin/:path*", "/account/:path*"],
};
