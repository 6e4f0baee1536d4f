import { and, desc, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { outbox, staff, staffDepartments } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { acceptInvitation, createStaffByAdmin, getInvitation, setStaffActive, updateStaffByAdmin, type StaffMemberInput } from "@/lib/staff/manage";
import { makeDepartment, makeStaff, unique } from "../../support/factories";

const rollback = new Error("rollback");

/** Runs `body` in a transaction that is always rolled back, so other test files never see its changes. */
async function inRolledBackTransaction(body: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<void>) {
  await expect(
    db.transaction(async (tx) => {
      await body(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

const memberInput = (member: { username: string; email: string }, changes: Partial<StaffMemberInput> = {}): StaffMemberInput => ({
  fullname: "Someone",
  email: member.email,
  username: member.username,
  role: "admin",
  departmentIds: [],
  active: true,
  passwordMode: "keep",
  ...changes,
});

describe("admin: staff", () => {
  it("the last active admin can be neither demoted nor deactivated; with another admin it can", async () => {
    const admin = await makeStaff({ role: "admin" });
    await inRolledBackTransaction(async (tx) => {
      // Within this transaction, `admin` is the only active admin.
      await tx.update(staff).set({ active: false }).where(and(eq(staff.role, "admin"), ne(staff.id, admin.id)));
      await expect(updateStaffByAdmin(admin.id, memberInput(admin, { role: "agent" }), tx)).rejects.toMatchObject({ code: "conflict" });
      await expect(updateStaffByAdmin(admin.id, memberInput(admin, { active: false }), tx)).rejects.toMatchObject({ code: "conflict" });
      await expect(setStaffActive(admin.id, false, tx)).rejects.toMatchObject({ code: "conflict" });
      const [row] = await tx.select({ role: staff.role, active: staff.active }).from(staff).where(eq(staff.id, admin.id));
      expect(row).toEqual({ role: "admin", active: true });

      // A second active admin makes the change possible.
      const name = unique("admin");
      await tx.insert(staff).values({ username: name, email: `${name}@staff.example.test`, fullname: name, passwordHash: "x", role: "admin" });
      await updateStaffByAdmin(admin.id, memberInput(admin, { role: "agent" }), tx);
      const [after] = await tx.select({ role: staff.role }).from(staff).where(eq(staff.id, admin.id));
      expect(after!.role).toBe("agent");
    });
  });

  it("deactivating an agent keeps the account (and its history)", async () => {
    const agent = await makeStaff();
    await setStaffActive(agent.id, false);
    const [row] = await db.select({ active: staff.active }).from(staff).where(eq(staff.id, agent.id));
    expect(row!.active).toBe(false);
  });

  it("creates a member by invitation: the mail carries a single-use link to set the password", async () => {
    const dept = await makeDepartment();
    const username = unique("inv");
    const email = `${username}@staff.example.test`;
    const { id } = await createStaffByAdmin({
      fullname: "Invited Person",
      email,
      username,
      role: "agent",
      departmentIds: [dept.id],
      active: true,
      passwordMode: "invite",
    });
    const memberships = await db.select().from(staffDepartments).where(eq(staffDepartments.staffId, id));
    expect(memberships.map((m) => m.departmentId)).toEqual([dept.id]);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.id));
    expect(mail!.event).toBe("invitation");
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.bodyText)![1]!;
    expect(await getInvitation(token)).toMatchObject({ username });
    await acceptInvitation(token, "a brand new password");
    const [row] = await db.select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, id));
    expect(await verifyPassword("a brand new password", row!.hash)).toBe(true);
    await expect(acceptInvitation(token, "another password 123")).rejects.toMatchObject({ code: "invalid" });
    expect(await getInvitation(token)).toBeNull();
  });

  it("refuses a taken username or email with a field message", async () => {
    const existing = await makeStaff();
    await expect(
      createStaffByAdmin({ fullname: "X", email: existing.email, username: unique("u"), role: "agent", departmentIds: [], active: true, passwordMode: "set", password: "long enough password" }),
    ).rejects.toMatchObject({ code: "conflict", fieldErrors: { email: expect.any(String) } });
  });
});
