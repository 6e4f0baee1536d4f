// Test data builders: every call makes fresh rows with unique names, so tests never depend on each other.
import { randomBytes } from "node:crypto";
import { db } from "@/db";
import { departments, staff, staffDepartments, users } from "@/db/schema";
import { loadStaffActor, loadUserActor } from "@/lib/auth/actors";
import { hashPassword } from "@/lib/auth/password";
import { createTicket } from "@/lib/tickets/create";

export const unique = (prefix = "t") => `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
export const uniqueEmail = (prefix = "person") => `${unique(prefix)}@example.test`;

export const testPassword = "correct horse battery";
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(testPassword));

export async function makeDepartment(input: { name?: string; isPrivate?: boolean } = {}) {
  const name = input.name ?? unique("Dept ");
  const [row] = await db.insert(departments).values({ name, isPrivate: input.isPrivate ?? false }).$returningId();
  return { id: row!.id, name };
}

export async function makeStaff(input: { role?: "admin" | "agent"; departmentIds?: number[]; active?: boolean } = {}) {
  const username = unique("agent");
  const email = `${username}@staff.example.test`;
  const [row] = await db
    .insert(staff)
    .values({
      username,
      email,
      fullname: `Agent ${username}`,
      passwordHash: await testPasswordHash(),
      role: input.role ?? "agent",
      active: input.active ?? true,
    })
    .$returningId();
  if (input.departmentIds?.length) {
    await db.insert(staffDepartments).values(input.departmentIds.map((departmentId) => ({ staffId: row!.id, departmentId })));
  }
  const actor = await loadStaffActor(row!.id);
  return { id: row!.id, username, email, password: testPassword, actor: actor! };
}

export async function makeCustomer(input: { withPassword?: boolean; organizationId?: number } = {}) {
  const email = uniqueEmail("customer");
  const fullname = `Customer ${email.split("@")[0]}`;
  const [row] = await db
    .insert(users)
    .values({
      email,
      fullname,
      passwordHash: input.withPassword === false ? null : await testPasswordHash(),
      organizationId: input.organizationId ?? null,
    })
    .$returningId();
  const actor = await loadUserActor(row!.id);
  return { id: row!.id, email, fullname, password: testPassword, actor: actor! };
}

export async function makeTicket(input: { userId: number; departmentId: number; subject?: string; message?: string }) {
  return createTicket({
    requester: { userId: input.userId },
    departmentId: input.departmentId,
    subject: input.subject ?? unique("Subject "),
    message: input.message ?? "Something is not working.",
    source: "api",
    openedBy: { type: "api" },
  });
}
