"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { createDepartment, deleteDepartmentWithTickets, moveDepartment, moveDepartmentTickets, updateDepartment } from "@/lib/departments/manage";
import { departmentDeleteSchema, departmentFormSchema, idSchema } from "@/lib/validation/admin";
import { adminAction } from "../admin-action";

const paths = ["/admin/departments"];

export async function createDepartmentAction(input: unknown) {
  const result = await adminAction(
    departmentFormSchema,
    input,
    async (data, { audit }) => {
      const { id } = await createDepartment(data);
      await audit("department.create", { type: "department", id }, data);
      return { message: "Department created.", data: { id } };
    },
    paths,
  );
  if (result.ok) redirect("/admin/departments");
  return result;
}

export async function updateDepartmentAction(id: unknown, input: unknown) {
  return adminAction(
    departmentFormSchema.extend({ id: idSchema }),
    { ...(input as object), id },
    async ({ id, ...data }, { audit }) => {
      await updateDepartment(id, data);
      await audit("department.update", { type: "department", id }, data);
      return { message: "Department saved." };
    },
    paths,
  );
}

export async function moveDepartmentAction(id: unknown, direction: unknown) {
  return adminAction(
    z.object({ id: idSchema, direction: z.enum(["up", "down"]) }),
    { id, direction },
    async ({ id, direction }, { audit }) => {
      await moveDepartment(id, direction);
      await audit("department.reorder", { type: "department", id }, { direction });
      return { message: "Order saved." };
    },
    paths,
  );
}

export async function deleteDepartmentAction(id: unknown, input: unknown) {
  const result = await adminAction(
    z.object({ id: idSchema, choice: departmentDeleteSchema }),
    { id, choice: input },
    async ({ id, choice }, { audit }) => {
      if (choice.tickets === "move") {
        const { moved } = await moveDepartmentTickets(id, Number(choice.targetId));
        await audit("department.delete", { type: "department", id }, { tickets: "moved", targetId: Number(choice.targetId), count: moved });
      } else {
        const { deleted } = await deleteDepartmentWithTickets(id);
        await audit("department.delete", { type: "department", id }, { tickets: "deleted", count: deleted });
      }
      return { message: "Department deleted." };
    },
    paths,
  );
  if (result.ok) redirect("/admin/departments");
  return result;
}
