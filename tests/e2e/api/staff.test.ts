import { describe, expect, it } from "vitest";
import { makeStaff, unique } from "../../support/factories";
import { expectAllStrings, expectError, expectSuccess, get, makeApiKey, post } from "./support";

describe("token API: staff", () => {
  it("lists staff (filtered by username) and shows one, with string fields and Unix dates", async () => {
    const key = await makeApiKey({ permissions: ["staff/read"] });
    const agent = await makeStaff();
    const all = await get("/api/staff", key.token);
    expectSuccess(all);
    expect((all.body.users as { id: string }[]).some((u) => u.id === String(agent.id))).toBe(true);

    const filtered = await get(`/api/staff?username=${agent.username}`, key.token);
    const users = filtered.body.users as Record<string, string>[];
    expect(users).toHaveLength(1);
    users.forEach(expectAllStrings);
    expect(Object.keys(users[0]!).sort()).toEqual(["email", "fullname", "id", "last_login", "registration", "username"]);
    expect(users[0]).toMatchObject({ id: String(agent.id), username: agent.username, email: agent.email, last_login: "0" });
    expect(users[0]!.registration).toMatch(/^\d{10}$/);

    for (const path of [`/api/staff/show/${agent.id}`, `/api/staff/${agent.id}`]) {
      const shown = await get(path, key.token);
      expect(shown.body).toEqual({ success: 1, staff_data: users[0] });
    }
    expectError(await get("/api/staff/show/abc", key.token), 200, "Invalid Staff ID.");
    expectError(await get("/api/staff/999999999", key.token), 200, "Staff ID not found.");
  });

  it("checks a staff member's credentials", async () => {
    const key = await makeApiKey({ permissions: ["staff/auth", "staff/read"] });
    const agent = await makeStaff();
    const ok = await post("/api/staff/auth", key.token, { username: agent.username, password: agent.password, ip_address: "192.0.2.10" });
    expect(ok.body).toEqual({ success: 1, message: "You have been logged in." });
    const shown = await get(`/api/staff/${agent.id}`, key.token);
    expect((shown.body.staff_data as { last_login: string }).last_login).not.toBe("0");

    expectError(
      await post("/api/staff/auth", key.token, { username: agent.username, password: "wrong", ip_address: "192.0.2.10" }),
      200,
      "Invalid username or password.",
    );
    expectError(
      await post("/api/staff/auth", key.token, { username: unique("ghost"), password: "x", ip_address: "192.0.2.10" }),
      200,
      "Invalid username or password.",
    );
    const inactive = await makeStaff({ active: false });
    expectError(
      await post("/api/staff/auth", key.token, { username: inactive.username, password: inactive.password, ip_address: "192.0.2.10" }),
      200,
      "Invalid username or password.",
    );
  });

  it("validates the fields in HelpDeskZ's words", async () => {
    const key = await makeApiKey({ permissions: ["staff/auth"] });
    expectError(await post("/api/staff/auth", key.token, {}), 200, "Username is missing. Password is missing. IP address is missing.");
    expectError(await post("/api/staff/auth", key.token, { username: "a b", password: "p", ip_address: "999.1.1.1" }), 200, "Invalid username. IP address is not valid.");
  });

  it("locks out repeated failures for a username", async () => {
    const key = await makeApiKey({ permissions: ["staff/auth"] });
    const agent = await makeStaff();
    const attempt = () => post("/api/staff/auth", key.token, { username: agent.username, password: "wrong", ip_address: "192.0.2.77" });
    for (let i = 0; i < 10; i++) expect((await attempt()).body.message).toBe("Invalid username or password.");
    expectError(await attempt(), 200, "Login locked for 15 minutes.");
    // Even the right password is refused while locked.
    expectError(
      await post("/api/staff/auth", key.token, { username: agent.username, password: agent.password, ip_address: "192.0.2.77" }),
      200,
      "Login locked for 15 minutes.",
    );
  });
});
