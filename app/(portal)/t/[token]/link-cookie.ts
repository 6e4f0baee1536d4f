import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { signLinkEmail, verifyLinkEmail } from "@/lib/tickets/public-link";

// The email confirmed on a ticket link, remembered for that link only (the cookie's path is the link's),
// HttpOnly and signed by the server: replying and closing then need no second confirmation.
const NAME = "hd_link_email";
const MAX_AGE = 7 * 24 * 60 * 60;

export async function readLinkEmail(ticketId: number, token: string) {
  return verifyLinkEmail((await cookies()).get(NAME)?.value, ticketId, token);
}

export async function rememberLinkEmail(ticketId: number, token: string, email: string) {
  (await cookies()).set(NAME, signLinkEmail(ticketId, token, email, MAX_AGE), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https:"),
    path: `/t/${token}`,
    maxAge: MAX_AGE,
  });
}

export async function forgetLinkEmail(token: string) {
  (await cookies()).delete({ name: NAME, path: `/t/${token}` });
}
