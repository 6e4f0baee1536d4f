import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";
import { loadStaffActor, loadUserActor, type StaffActor, type UserActor } from "./actors";

/** The signed-in principal of this request, loaded once per request; null when signed out. */
export const getActor = cache(async (): Promise<StaffActor | UserActor | null> => {
  const session = await getServerSession(authOptions);
  const principal = session?.principal;
  if (!principal) return null;
  return principal.type === "staff" ? loadStaffActor(principal.id) : loadUserActor(principal.id);
});

export async function getStaff(): Promise<StaffActor | null> {
  const actor = await getActor();
  return actor?.type === "staff" ? actor : null;
}

export async function getUser(): Promise<UserActor | null> {
  const actor = await getActor();
  return actor?.type === "user" ? actor : null;
}

export async function requireStaff(): Promise<StaffActor> {
  const actor = await getStaff();
  if (!actor) redirect("/agent/login");
  return actor;
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
