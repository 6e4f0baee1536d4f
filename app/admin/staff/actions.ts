"use server";

import { redirect } from "next/navigation";
import { createStaffByAdmin, updateStaffByAdmin } from "@/lib/staff/manage";
import { idSchema, staffFormSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/staff"];

export async function createStaffAction(input: unknown) {
  const result = await adminAction(
    staffFormSchema,
    input,
    async (data, { audit }) => {
      if (data.passwordMode === "keep") data.passwordMode = "invite";
      const { id } = await createStaffByAdmin(data);
      await audit("staff.create", { type: "staff", id }, { ...data, password: undefined });
      return { message: data.passwordMode === "invite" ? "Staff member created; the invitation is on its way." : "Staff member created." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/staff");
  return result;
}

export async function updateStaffAction(id: unknown, input: unknown) {
  return adminAction(
    staffFormSchema.safeExtend({ id: idSchema }),
    { ...(input as object), id },
    async ({ id, ...data }, { audit }) => {
      await updateStaffByAdmin(id, data);
      await audit("staff.update", { type: "staff", id }, { ...data, password: data.passwordMode === "set" ? "(changed)" : undefined });
      return { message: data.passwordMode === "invite" ? "Saved; a new invitation is on its way." : "Staff member saved." };
    },
    paths,
  );
}
