import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFrom } from "../request";
import { getSettings } from "../settings";
import { loadStaffSignIn, loadUserSignIn } from "./actors";
import { authSecret } from "./secret";
import { signInCustomer, signInStaff, type SignInFailure } from "./sign-in";

export type Principal = { type: "staff" | "user"; id: number };

declare module "next-auth" {
  interface Session {
    principal: Principal;
    /** The password stamp the session was issued with (credentialStamp). */
    stamp?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    principal?: Principal;
    /** When this sign-in happened (ms); the admin's session length counts from it. */
    signedInAt?: number;
    /** The password stamp at sign-in (credentialStamp): a later password change ends this session. */
    stamp?: string;
  }
}

function ipOf(req: { headers?: Record<string, unknown> }) {
  return clientIpFrom((name) => {
    const value = req.headers?.[name];
    return typeof value === "string" ? value : undefined;
  });
}

/** next-auth error codes surface in the sign-in forms; "rate_limited" and "two_factor_required" get their own handling there. */
function failure(reason: SignInFailure): never {
  throw new Error(reason === "invalid" ? "CredentialsSignin" : reason);
}

export const authOptions: NextAuthOptions = {
  // Read at request time by next-auth; a production server without it refuses to sign anyone in.
  secret: authSecret,
  // The cookie may live up to the longest allowed session; the admin's `sessionHours` ends it sooner (jwt callback).
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "staff",
      name: "Staff",
      credentials: { login: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const result = await signInStaff(credentials, ipOf(req));
        if (!result.ok) failure(result.reason);
        return { id: `staff:${result.id}` };
      },
    }),
    CredentialsProvider({
      id: "customer",
      name: "Customer",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const result = await signInCustomer(credentials, ipOf(req));
        if (!result.ok) failure(result.reason);
        return { id: `user:${result.id}` };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const [type, id] = user.id.split(":");
        token.principal = { type: type === "staff" ? "staff" : "user", id: Number(id) };
        token.signedInAt = Date.now();
        // Read after authorize, which may just have rehashed a legacy password hash.
        const signIn = type === "staff" ? await loadStaffSignIn(Number(id)) : await loadUserSignIn(Number(id));
        token.stamp = signIn?.stamp;
      } else if (token.principal) {
        // Session length (admin setting): an older sign-in no longer carries a principal, i.e. is signed out.
        const { sessionHours } = await getSettings();
        if (Date.now() - (token.signedInAt ?? Number(token.iat ?? 0) * 1000) > sessionHours * 3600_000) delete token.principal;
      }
      return token;
    },
    session({ session, token }) {
      if (token.principal) session.principal = token.principal;
      session.stamp = token.stamp;
      // The session carries no profile data: pages load the actor from the database.
      session.user = undefined;
      return session;
    },
  },
};
