import { listDepartments, getDepartment } from "../../departments";
import { createDepartment, deleteDepartmentWithTickets, updateDepartment } from "../../departments/manage";
import { privateFlag, requiredText } from "../../validation/api";
import { apiSuccess, ApiFailure, parseId, str } from "../http";
import { FieldErrors } from "../validate";
import type { ApiResource } from "./types";
import type { ApiContext } from "../context";

const departmentData = (row: { id: number; name: string; isPrivate: boolean }) => ({
  id: str(row.id),
  name: row.name,
  private: str(row.isPrivate),
});

async function findDepartment(id: string | undefined) {
  const departmentId = parseId(id);
  const row = departmentId ? await getDepartment(departmentId) : null;
  if (!row) throw new ApiFailure("Department not found.");
  return row;
}

async function departmentFields(ctx: ApiContext) {
  const { fields } = await ctx.body();
  const errors = new FieldErrors(["name", "private"]);
  const name = errors.field("name", requiredText("Department name is missing."), fields.name);
  const isPrivate = errors.field("private", privateFlag, fields.private);
  errors.throwIfAny();
  return { name: name!.trim(), isPrivate: isPrivate! };
}

export const departmentsResource: ApiResource = {
  async index(ctx) {
    ctx.require("departments/read");
    const rows = await listDepartments();
    return apiSuccess({ departments: rows.map(departmentData) });
  },

  async show(ctx, id) {
    ctx.require("departments/read");
    return apiSuccess({ department: departmentData(await findDepartment(id)) });
  },

  async create(ctx) {
    ctx.require("departments/create");
    const input = await departmentFields(ctx);
    const { id } = await createDepartment(input);
    return apiSuccess({ department_id: id, message: "Department was created." });
  },

  async update(ctx, id) {
    ctx.require("departments/update");
    const department = await findDepartment(id);
    await updateDepartment(department.id, await departmentFields(ctx));
    return apiSuccess("Department was updated.");
  },

  async delete(ctx, id) {
    ctx.require("departments/delete");
    const department = await findDepartment(id);
    await deleteDepartmentWithTickets(department.id);
    return apiSuccess("Department and its tickets were removed.");
  },
};
