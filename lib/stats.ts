import { count } from "drizzle-orm";
import { db } from "@/db";
import { departments, staff, tickets, users } from "@/db/schema";

export async function getHelpdeskCounts() {
  const [[t], [u], [s], [d]] = await Promise.all([
    db.select({ n: count() }).from(tickets),
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(staff),
    db.select({ n: count() }).from(departments),
  ]);
  return { tickets: t?.n ?? 0, customers: u?.n ?? 0, staff: s?.n ?? 0, departments: d?.n ?? 0 };
}
