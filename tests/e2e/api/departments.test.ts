import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { departments, tickets } from "@/db/schema";
import { makeCustomer, makeDepartment, makeTicket } from "../../support/factories";
import { expectAllStrings, expectError, expectSuccess, get, makeApiKey, post } from "./support";

describe("token API: departments", () => {
  it("lists departments with id, name and private as strings", async () => {
    const key = await makeApiKey({ permissions: ["departments/read"] });
    const department = await makeDepartment({ isPrivate: true });
    const result = await get("/api/departments", key.token);
    expectSuccess(result);
    const list = result.body.departments as Record<string, string>[];
    list.forEach(expectAllStrings);
    expect(list).toContainEqual({ id: String(department.id), name: department.name, private: "1" });
  });

  it("shows one department at /show/{id} and /{id}, and says when it does not exist", async () => {
    const key = await makeApiKey({ permissions: ["departments/read"] });
    const department = await makeDepartment();
    for (const path of [`/api/departments/show/${department.id}`, `/api/departments/${department.id}`]) {
      const result = await get(path, key.token);
      expect(result.body).toEqual({ success: 1, department: { id: String(department.id), name: department.name, private: "0" } });
    }
    expectError(await get("/api/departments/999999999", key.token), 200, "Department not found.");
  });

  it("creates a department (form and JSON), returning an integer id", async () => {
    const key = await makeApiKey({ permissions: ["departments/create"] });
    const created = await post("/api/departments/create", key.token, { name: "Billing", private: "1" });
    expect(created.body).toEqual({ success: 1, department_id: expect.any(Number), message: "Department was created." });
    const [row] = await db.select().from(departments).where(eq(departments.id, created.body.department_id as number));
    expect(row).toMatchObject({ name: "Billing", isPrivate: true });
    const viaJson = await post("/api/departments", key.token, {}, { json: { name: "Sales", private: 0 } });
    expectSuccess(viaJson);
    const [sales] = await db.select().from(departments).where(eq(departments.id, viaJson.body.department_id as number));
    expect(sales).toMatchObject({ name: "Sales", isPrivate: false });
  });

  it("validates name and private with HelpDeskZ's messages", async () => {
    const key = await makeApiKey({ permissions: ["departments/create"] });
    expectError(await post("/api/departments/create", key.token, {}), 200, "Department name is missing. Department type is missing.");
    expectError(await post("/api/departments/create", key.token, { name: "X", private: "2" }), 200, "Department type must be 0 or 1");
  });

  it("updates a department, and refuses an unknown one", async () => {
    const key = await makeApiKey({ permissions: ["departments/update"] });
    const department = await makeDepartment();
    expect((await post(`/api/departments/update/${department.id}`, key.token, { name: "Renamed", private: "1" })).body).toEqual({
      success: 1,
      message: "Department was updated.",
    });
    const [row] = await db.select().from(departments).where(eq(departments.id, department.id));
    expect(row).toMatchObject({ name: "Renamed", isPrivate: true });
    expectError(await post(`/api/departments/update/${department.id}`, key.token, { name: "" , private: "0" }), 200, "Department name is missing.");
    expectError(await post("/api/departments/update/999999999", key.token, { name: "X", private: "0" }), 200, "Department not found.");
  });

  it("deletes a department with its tickets in one go", async () => {
    const key = await makeApiKey({ permissions: ["departments/delete"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: department.id });
    expect((await post(`/api/departments/delete/${department.id}`, key.token)).body).toEqual({
      success: 1,
      message: "Department and its tickets were removed.",
    });
    expect(await db.select().from(departments).where(eq(departments.id, department.id))).toEqual([]);
    expect(await db.select().from(tickets).where(eq(tickets.id, ticket.id))).toEqual([]);
    expectError(await post(`/api/departments/delete/${department.id}`, key.token), 200, "Department not found.");
  });
});
