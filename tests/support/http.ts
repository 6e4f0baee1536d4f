// Plain HTTP against the e2e server: sign in through next-auth's credentials callback (as the sign-in
// forms do) and carry the session cookie by hand, so a test can try many doors as many people quickly.
import { baseUrl } from "./browser";

export type Session = { cookie: string };

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((line) => line.split(";")[0]!).filter((pair) => !pair.endsWith("="));

/** Signs in with the "staff" or "customer" provider; throws when the credentials are refused. */
export async function signInOverHttp(provider: "staff" | "customer", fields: Record<string, string>): Promise<Session> {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl()}/api/auth/callback/${provider}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
  });
  const session = cookiesOf(response).find((pair) => pair.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`${provider} sign-in refused (${response.status})`);
  return { cookie: session };
}

/** A request as that session (or as a guest), never following redirects: the test sees where it is sent. */
export function request(path: string, session: Session | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (session) headers.set("cookie", session.cookie);
  return fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: "manual" });
}
