import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { customFields, ticketFieldValues } from "@/db/schema";
import { deleteCustomField, listFieldsForDepartment, parseFieldValues, saveCustomField, saveFieldValues, type CustomFieldDefinition } from "@/lib/custom-fields";
import { makeCustomer, makeDepartment, makeTicket, unique } from "../../support/factories";

const created: number[] = [];
afterAll(async () => {
  for (const id of created) await deleteCustomField(id).catch(() => {});
});

const def = (id: number, type: CustomFieldDefinition["type"], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
  id,
  type,
  title: `Field ${id}`,
  description: null,
  required: false,
  options: null,
  ...extra,
});

describe("custom fields", () => {
  it("validates each type and reports messages keyed field_<id>", () => {
    const fields = [
      def(1, "text", { required: true }),
      def(2, "email"),
      def(3, "date"),
      def(4, "select", { options: ["Low", "High"] }),
      def(5, "checkbox", { options: ["A", "B"] }),
      def(6, "checkbox", { required: true }),
      def(7, "radio", { options: ["Yes", "No"], required: true }),
    ];
    const bad = parseFieldValues(fields, { field_1: "  ", field_2: "not-an-email", field_3: "2024-02-30", field_4: "Medium", field_5: ["A", "Z"] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fieldErrors).toEqual({
      field_1: "Field 1 is required.",
      field_2: "Field 2: enter a valid email address.",
      field_3: "Field 3: enter a date (YYYY-MM-DD).",
      field_4: "Field 4: choose one of the options.",
      field_5: "Field 5: choose among the options.",
      field_6: "Field 6 is required.",
      field_7: "Field 7 is required.",
    });

    const good = parseFieldValues(fields, { field_1: " Hi ", field_2: "a@example.com", field_3: "2024-02-29", field_4: "High", field_5: ["B", "A"], field_6: "1", field_7: "No" });
    expect(good).toEqual({
      ok: true,
      values: [
        { fieldId: 1, value: "Hi" },
        { fieldId: 2, value: "a@example.com" },
        { fieldId: 3, value: "2024-02-29" },
        { fieldId: 4, value: "High" },
        { fieldId: 5, value: '["A","B"]' },
        { fieldId: 6, value: "1" },
        { fieldId: 7, value: "No" },
      ],
    });
  });

  it("offers a field in its departments only, and stores values on a ticket", async () => {
    const [mine, other, customer] = await Promise.all([makeDepartment(), makeDepartment(), makeCustomer()]);
    const { id } = await saveCustomField(null, {
      type: "select",
      title: unique("Model "),
      description: "",
      required: true,
      options: ["X1", "X2"],
      allDepartments: false,
      departmentIds: [mine.id],
    });
    created.push(id);
    expect((await listFieldsForDepartment(mine.id)).map((f) => f.id)).toContain(id);
    expect((await listFieldsForDepartment(other.id)).map((f) => f.id)).not.toContain(id);

    const fields = (await listFieldsForDepartment(mine.id)).filter((f) => f.id === id);
    const parsed = parseFieldValues(fields, { [`field_${id}`]: "X2" });
    expect(parsed.ok).toBe(true);
    const ticket = await makeTicket({ userId: customer.id, departmentId: mine.id });
    await db.transaction((tx) => saveFieldValues(tx, ticket.id, parsed.ok ? parsed.values : []));
    await db.transaction((tx) => saveFieldValues(tx, ticket.id, [{ fieldId: id, value: "X1" }]));
    const rows = await db.select().from(ticketFieldValues).where(eq(ticketFieldValues.ticketId, ticket.id));
    expect(rows).toEqual([{ ticketId: ticket.id, fieldId: id, value: "X1" }]);
  });

  it("refuses a select without options and a field without any department", async () => {
    await expect(
      saveCustomField(null, { type: "radio", title: "R", description: "", required: false, options: [" "], allDepartments: true, departmentIds: [] }),
    ).rejects.toMatchObject({ fieldErrors: { options: expect.any(String) } });
    await expect(
      saveCustomField(null, { type: "text", title: "T", description: "", required: false, options: [], allDepartments: false, departmentIds: [] }),
    ).rejects.toMatchObject({ fieldErrors: { departmentIds: expect.any(String) } });
    expect(await db.select().from(customFields).where(eq(customFields.title, "R"))).toHaveLength(0);
  });
});
