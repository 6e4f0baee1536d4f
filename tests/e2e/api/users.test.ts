import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets, users } from "@/db/schema";
import { makeCustomer, makeDepartment, makeTicket, uniqueEmail } from "../../support/factories";
import { expectAllStrings, expectError, expectSuccess, get, makeApiKey, post } from "./support";

describe("token API: users", () => {
  it("lists users 25 a page, newest first, with integer totals and string fields", async () => {
    const key = await makeApiKey({ permissions: ["users/read"] });
    const newest = await makeCustomer();
    const first = await get("/api/users", key.token);
    expectSuccess(first);
    expect(Object.keys(first.body).sort()).toEqual(["success", "total_pages", "total_users", "users"]);
    expect(Number.isInteger(first.body.total_users)).toBe(true);
    expect(first.body.total_pages).toBe(Math.ceil((first.body.total_users as number) / 25));
    const list = first.body.users as Record<string, string>[];
    expect(list.length).toBeLessThanOrEqual(25);
    expect(list[0]).toEqual({ id: String(newest.id), fullname: newest.fullname, email: newest.email });
    list.forEach(expectAllStrings);
  });

  it("pages through users and refuses a page that is not a positive whole number", async () => {
    const key = await makeApiKey({ permissions: ["users/read"] });
    for (let i = 0; i < 26; i++) await makeCustomer();
    const page1 = await get("/api/users?page=1", key.token);
    const page2 = await get("/api/users?page=2", key.token);
    expectSuccess(page2);
    expect((page1.body.users as unknown[]).length).toBe(25);
    const ids1 = (page1.body.users as { id: string }[]).map((u) => u.id);
    const ids2 = (page2.body.users as { id: string }[]).map((u) => u.id);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);
    expect(Number(ids1.at(-1))).toBeGreaterThan(Number(ids2[0]));
    expectError(await get("/api/users?page=0", key.token), 200, "Page not found.");
    expectError(await get("/api/users?page=1.5", key.token), 200, "Page not found.");
  });

  it("finds a user by email, and says when there is none", async () => {
    const key = await makeApiKey({ permissions: ["users/read"] });
    const customer = await makeCustomer();
    const found = await get(`/api/users?email=${encodeURIComponent(customer.email)}`, key.token);
    expectSuccess(found);
    expect(found.body.user_data).toEqual({ id: String(customer.id), fullname: customer.fullname, email: customer.email });
    expectError(await get(`/api/users?email=${encodeURIComponent(uniqueEmail("nobody"))}`, key.token), 200, "User not found.");
  });

  it("shows a user at /show/{id} and /{id}", async () => {
    const key = await makeApiKey({ permissions: ["users/read"] });
    const customer = await makeCustomer();
    for (const path of [`/api/users/show/${customer.id}`, `/api/users/${customer.id}`]) {
      const result = await get(path, key.token);
      expectSuccess(result);
      expect(result.body.user_data).toEqual({ id: String(customer.id), fullname: customer.fullname, email: customer.email });
    }
    expectError(await get("/api/users/show/999999999", key.token), 200, "User not found.");
    expectError(await get("/api/users/abc", key.token), 200, "User not found.");
  });

  it("creates a user from a form post and from JSON, returning an integer id", async () => {
    const key = await makeApiKey({ permissions: ["users/create"] });
    const email = uniqueEmail("created");
    const created = await post("/api/users/create", key.token, { fullname: "Ada Lovelace", email });
    expectSuccess(created);
    expect(created.body).toEqual({ success: 1, user_id: expect.any(Number), message: "User account was created." });
    const [row] = await db.select().from(users).where(eq(users.id, created.body.user_id as number));
    expect(row).toMatchObject({ fullname: "Ada Lovelace", email });

    const viaJson = await post("/api/users", key.token, {}, { json: { fullname: "Grace Hopper", email: uniqueEmail("json") } });
    expectSuccess(viaJson);
    expect(Number.isInteger(viaJson.body.user_id)).toBe(true);
  });

  it("reports every missing or invalid field in one message, in HelpDeskZ's words", async () => {
    const key = await makeApiKey({ permissions: ["users/create"] });
    expectError(await post("/api/users/create", key.token, {}), 200, "Full name is missing. Email address is missing.");
    expectError(await post("/api/users/create", key.token, { fullname: "X", email: "not-an-email" }), 200, "Email address is not valid.");
    const existing = await makeCustomer();
    expectError(await post("/api/users/create", key.token, { fullname: "X", email: existing.email }), 200, "Email address is is already in use.");
  });

  it("changes a user's email, accepts the same email, and refuses a taken or invalid one", async () => {
    const key = await makeApiKey({ permissions: ["users/update"] });
    const customer = await makeCustomer();
    const other = await makeCustomer();
    const email = uniqueEmail("changed");
    expect((await post(`/api/users/update/${customer.id}`, key.token, { new_email: email })).body).toEqual({ success: 1, message: "Email was changed." });
    const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, customer.id));
    expect(row!.email).toBe(email);
    expectSuccess(await post(`/api/users/update/${customer.id}`, key.token, { new_email: email }));
    expectError(await post(`/api/users/update/${customer.id}`, key.token, { new_email: other.email }), 200, "Email address is is already in use.");
    expectError(await post(`/api/users/update/${customer.id}`, key.token, { new_email: "nope" }), 200, "Email address is not valid.");
    expectError(await post(`/api/users/update/${customer.id}`, key.token, {}), 200, "Email address is missing.");
    expectError(await post("/api/users/update/999999999", key.token, { new_email: email }), 200, "User not found.");
  });

  it("deletes a user together with their tickets, and leaves other users' tickets alone", async () => {
    const key = await makeApiKey({ permissions: ["users/delete"] });
    const department = await makeDepartment();
    const customer = await makeCustomer();
    const other = await makeCustomer();
    const mine = await makeTicket({ userId: customer.id, departmentId: department.id });
    const theirs = await makeTicket({ userId: other.id, departmentId: department.id });
    expect((await post(`/api/users/delete/${customer.id}`, key.token)).body).toEqual({ success: 1, message: "User account was removed." });
    expect(await db.select().from(users).where(eq(users.id, customer.id))).toEqual([]);
    expect(await db.select().from(tickets).where(eq(tickets.id, mine.id))).toEqual([]);
    expect(await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, theirs.id))).toEqual([{ id: theirs.id }]);
    expectError(await post(`/api/users/delete/${customer.id}`, key.token), 200, "User not found.");
  });
});
