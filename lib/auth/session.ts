import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";
import { loadStaffSignIn, loadUserSignIn, type StaffActor, type UserActor } from "./actors";
import { mustEnrollTwoFactor } from "./two-factor";

/** Where staff held by the two-factor requirement are sent; the page explains why. */
export const TWO_FACTOR_SETUP_PATH = "/agent/two-factor";

/**
 * The signed-in principal of this request, loaded once per request; null when signed out. Staff carry
 * whether the help desk holds them at two-factor setup (required, not yet enrolled).
 */
const getSession = cache(async (): Promise<{ actor: StaffActor | UserActor; mustEnrollTwoFactor: boolean } | null> => {
  const session = await getServerSession(authOptions);
  const principal = session?.principal;
  if (!principal) return null;
  // A session issued before the password last changed is signed out (credentialStamp).
  if (principal.type === "user") {
    const signIn = await loadUserSignIn(principal.id);
    return signIn && signIn.stamp === session.stamp ? { actor: signIn.actor, mustEnrollTwoFactor: false } : null;
  }
  const signIn = await loadStaffSignIn(principal.id);
  if (!signIn || signIn.stamp !== session.stamp) return null;
  return { actor: signIn.actor, mustEnrollTwoFactor: await mustEnrollTwoFactor(signIn.actor.id) };
});

/**
 * The signed-in principal, or null. Staff held at two-factor setup count as signed out here, so every
 * cookie-authenticated route handler and query built on it refuses them.
 */
export async function getActor(): Promise<StaffActor | UserActor | null> {
  const session = await getSession();
  return session && !session.mustEnrollTwoFactor ? session.actor : null;
}

export async function getStaff(): Promise<StaffActor | null> {
  const actor = await getActor();
  return actor?.type === "staff" ? actor : null;
}

export async function getUser(): Promise<UserActor | null> {
  const actor = await getActor();
  return actor?.type === "user" ? actor : null;
}

/** Any staff session, held at two-factor setup or not (the sign-in page sends both onwards). */
export async function hasStaffSession(): Promise<boolean> {
  return (await getSession())?.actor.type === "staff";
}

/**
 * Every staff page and server action starts here. A staff member held at two-factor setup is sent to
 * the setup instead (a page redirects; an action does none of its work and the browser follows).
 */
export async function requireStaff(): Promise<StaffActor> {
  const session = await getSession();
  if (!session || session.actor.type !== "staff") redirect("/agent/login");
  if (session.mustEnrollTwoFactor) redirect(TWO_FACTOR_SETUP_PATH);
  return session.actor;
}

/**
 * Only for the two-factor setup itself (the profile page, its enrollment actions, the desk layout):
 * lets a held staff member in, and says whether they are held.
 */
export async function requireStaffForTwoFactorSetup(): Promise<{ actor: StaffActor; mustEnrollTwoFactor: boolean }> {
  const session = await getSession();
  if (!session || session.actor.type !== "staff") redirect("/agent/login");
  return { actor: session.actor, mustEnrollTwoFactor: session.mustEnrollTwoFactor };
}

/** Admin pages and actions answer 404 to agents: they do not exist for them. */
export async function requireAdmin(): Promise<StaffActor> {
  const actor = await requireStaff();
  if (actor.role !== "admin") notFound();
  return actor;
}

export async function requireUser(): Promise<UserActor> {
  const actor = await getUser();
  if (!actor) redirect("/login");
  return actor;
}
