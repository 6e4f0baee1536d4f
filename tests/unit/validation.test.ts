import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions";
import { setupAdminSchema } from "@/lib/validation/auth";
import { openTicketSchema, queueQuerySchema } from "@/lib/validation/tickets";
import { withParams } from "@/lib/url";

describe("input schemas", () => {
  it("gives every missing portal field its own message", () => {
    const result = openTicketSchema.safeParse({ departmentId: "", fullname: " ", email: "nope", subject: "", message: "" });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({
      departmentId: "Choose a department.",
      fullname: "Enter your name.",
      email: "Enter a valid email address.",
      subject: "Enter a subject.",
      message: "Write a message.",
    });
  });

  it("normalises the email address", () => {
    const result = openTicketSchema.parse({ departmentId: "2", fullname: "A", email: " Alice@Example.COM ", subject: "s", message: "m" });
    expect(result.email).toBe("alice@example.com");
    expect(result.departmentId).toBe(2);
  });

  it("reads a bookmarked queue URL and falls back on nonsense instead of failing", () => {
    expect(queueQuerySchema.parse({ view: "mine", status: "3", department: "7", page: "2", sort: "id", dir: "asc" })).toMatchObject({
      view: "mine",
      status: 3,
      department: 7,
      page: 2,
      sort: "id",
      dir: "asc",
    });
    expect(queueQuerySchema.parse({ view: "hack", status: "9", page: "-1", sort: "drop table" })).toMatchObject({
      view: "active",
      status: undefined,
      page: 1,
      sort: "updated",
    });
  });

  it("refuses a setup whose passwords differ", () => {
    const result = setupAdminSchema.safeParse({
      fullname: "A",
      email: "a@b.co",
      username: "ada",
      password: "long enough pw",
      confirmPassword: "different pw",
      helpdeskName: "HD",
    });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!).confirmPassword).toBe("The passwords do not match.");
  });

  it("builds list links that keep filters and drop empty ones", () => {
    expect(withParams("/agent", { view: "open", q: "", page: 3 }, { page: undefined, sort: "id" })).toBe("/agent?view=open&sort=id");
  });
});
