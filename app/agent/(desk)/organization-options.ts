"use server";

import { requireStaff } from "@/lib/auth/session";
import { listOrganizations } from "@/lib/organizations";

/** Every organization's id and name, for the queue's organization filter (loaded when it is opened). */
export async function organizationOptionsAction(): Promise<{ id: number; name: string }[]> {
  await requireStaff();
  return listOrganizations();
}
