import { asc } from "drizzle-orm";
import { db } from "@/db";
import { organizations } from "@/db/schema";

export function listOrganizations() {
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name));
}
