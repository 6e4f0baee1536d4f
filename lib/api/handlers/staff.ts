import { signInStaff } from "../../auth/sign-in";
import { getSettings } from "../../settings";
import { ipRule, requiredText, usernameRule } from "../../validation/api";
import { apiSuccess, ApiFailure, unix, str } from "../http";
import { getStaffRow, listStaffRows, type ApiStaffRow } from "../queries";
import { FieldErrors } from "../validate";
import type { ApiResource } from "./types";

const staffData = (row: ApiStaffRow) => ({
  id: str(row.id),
  username: row.username,
  fullname: row.fullname,
  email: row.email,
  registration: unix(row.createdAt),
  last_login: unix(row.lastLoginAt),
});

export const staffResource: ApiResource = {
  async index(ctx) {
    ctx.require("staff/read");
    const username = ctx.query.get("username") || undefined;
    return apiSuccess({ users: (await listStaffRows(username)).map(staffData) });
  },

  async show(ctx, id) {
    ctx.require("staff/read");
    if (!id || !/^\d{1,10}$/.test(id)) throw new ApiFailure("Invalid Staff ID.");
    const row = await getStaffRow(Number(id));
    if (!row) throw new ApiFailure("Staff ID not found.");
    return apiSuccess({ staff_data: staffData(row) });
  },

  post: {
    /**
     * Checks a staff member's username and password for an integration (e.g. a single sign-on
     * bridge). Attempts are limited per username and per the end user's address (`ip_address`).
     */
    async auth(ctx) {
      ctx.require("staff/auth");
      const { fields } = await ctx.body();
      const errors = new FieldErrors(["username", "password", "ip_address"]);
      const username = errors.field("username", usernameRule, fields.username);
      const password = errors.field("password", requiredText("Password is missing."), fields.password);
      const ip = errors.field("ip_address", ipRule, fields.ip_address);
      errors.throwIfAny();
      const result = await signInStaff({ login: username, password }, ip!);
      if (result.ok) return apiSuccess("You have been logged in.");
      if (result.reason === "rate_limited") {
        const { signInWindowMinutes } = await getSettings();
        throw new ApiFailure(`Login locked for ${signInWindowMinutes} minutes.`);
      }
      throw new ApiFailure("Invalid username or password.");
    },
  },
};
