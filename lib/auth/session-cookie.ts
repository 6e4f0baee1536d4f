import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authOptions } from "./options";
import { authSecret } from "./secret";

const cookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * After people change their own password, their other sessions end (credentialStamp) but this one
 * should go on: re-issue this browser's session cookie with the new stamp, everything else unchanged.
 */
export async function keepThisSession(stamp: string) {
  const jar = await cookies();
  const name = cookieNames.find((candidate) => jar.has(candidate));
  const raw = name && jar.get(name)?.value;
  if (!name || !raw || !authSecret) return;
  const token = await decode({ token: raw, secret: authSecret });
  if (!token) return;
  const maxAge = authOptions.session!.maxAge!;
  jar.set(name, await encode({ token: { ...token, stamp }, secret: authSecret, maxAge }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge,
  });
}
