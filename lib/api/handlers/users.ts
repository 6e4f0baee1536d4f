import { changeCustomerEmail, createCustomer, deleteCustomerWithTickets, emailInUse, findCustomerByEmail, getCustomer, listCustomers } from "../../users/manage";
import { emailRule, requiredText } from "../../validation/api";
import { apiSuccess, ApiFailure, parseId, parsePage, str } from "../http";
import { FieldErrors } from "../validate";
import type { ApiResource } from "./types";

const pageSize = 25;
const emailTaken = "Email address is is already in use."; // HelpDeskZ's wording, kept verbatim for clients.

const userData = (row: { id: number; fullname: string; email: string }) => ({
  id: str(row.id),
  fullname: row.fullname,
  email: row.email,
});

async function findUser(id: string | undefined) {
  const userId = parseId(id);
  const row = userId ? await getCustomer(userId) : null;
  if (!row) throw new ApiFailure("User not found.");
  return row;
}

export const usersResource: ApiResource = {
  async index(ctx) {
    ctx.require("users/read");
    const email = ctx.query.get("email");
    if (email) {
      const row = await findCustomerByEmail(email);
      if (!row) throw new ApiFailure("User not found.");
      return apiSuccess({ user_data: userData(row) });
    }
    const page = parsePage(ctx.query.get("page"));
    const result = await listCustomers(page, pageSize);
    return apiSuccess({ total_users: result.total, total_pages: result.pageCount, users: result.rows.map(userData) });
  },

  async show(ctx, id) {
    ctx.require("users/read");
    return apiSuccess({ user_data: userData(await findUser(id)) });
  },

  async create(ctx) {
    ctx.require("users/create");
    const { fields } = await ctx.body();
    const errors = new FieldErrors(["fullname", "email"]);
    const fullname = errors.field("fullname", requiredText("Full name is missing."), fields.fullname);
    const email = errors.field("email", emailRule, fields.email);
    if (email && (await emailInUse(email))) errors.add("email", emailTaken);
    errors.throwIfAny();
    const { id } = await createCustomer({ fullname: fullname!.trim(), email: email! });
    return apiSuccess({ user_id: id, message: "User account was created." });
  },

  async update(ctx, id) {
    ctx.require("users/update");
    const user = await findUser(id);
    const { fields } = await ctx.body();
    if (fields.new_email !== undefined && fields.new_email.trim().toLowerCase() === user.email) {
      return apiSuccess("Email was changed.");
    }
    const errors = new FieldErrors(["new_email"]);
    const email = errors.field("new_email", emailRule, fields.new_email);
    if (email && (await emailInUse(email))) errors.add("new_email", emailTaken);
    errors.throwIfAny();
    await changeCustomerEmail(user.id, email!);
    return apiSuccess("Email was changed.");
  },

  async delete(ctx, id) {
    ctx.require("users/delete");
    const user = await findUser(id);
    await deleteCustomerWithTickets(user.id);
    return apiSuccess("User account was removed.");
  },
};

