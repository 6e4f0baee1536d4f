import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { ticketHistory, tickets } from "@/db/schema";
import { deleteCustomField, fieldValuesFromForm, listTicketFieldValues, saveCustomField, type CustomFieldInput } from "@/lib/custom-fields";
import { createTicket } from "@/lib/tickets/create";
import { updateTicketFieldValues } from "@/lib/tickets/fields";
import { updateTicket } from "@/lib/tickets/update";
import { makeCustomer, makeDepartment, makeStaff, makeTicket, unique, uniqueEmail } from "../../support/factories";

const created: number[] = [];
afterAll(async () => {
  for (const id of created) await deleteCustomField(id).catch(() => {});
});

// Fields belong to the test's own departments only, so no other test's forms ever see them.
async function makeField(departmentId: number, input: Partial<CustomFieldInput> = {}) {
  const title = input.title ?? unique("Field ");
  const { id } = await saveCustomField(null, {
    type: "text",
    description: "",
    required: false,
    options: [],
    allDepartments: false,
    departmentIds: [departmentId],
    ...input,
    title,
  });
  created.push(id);
  return { id, key: `field_${id}`, title };
}

const portalTicket = (departmentId: number, fieldValues?: Record<string, unknown>) =>
  createTicket({
    requester: { email: uniqueEmail("cf"), fullname: "Field Tester" },
    departmentId,
    subject: unique("Fields "),
    message: "Please help.",
    source: "web",
    openedBy: { type: "guest" },
    fieldValues,
    notify: false,
  });

describe("custom field values on tickets", () => {
  it("refuses a portal ticket without its department's required field, naming the field, and stores nothing", async () => {
    const dept = await makeDepartment();
    const model = await makeField(dept.id, { type: "select", title: unique("Model "), required: true, options: ["X1", "X2"] });
    const ticketsBefore = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.departmentId, dept.id));
    await expect(portalTicket(dept.id, {})).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { [model.key]: `${model.title} is required.` },
    });
    await expect(portalTicket(dept.id, { [model.key]: "X9" })).rejects.toMatchObject({
      fieldErrors: { [model.key]: `${model.title}: choose one of the options.` },
    });
    expect(await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.departmentId, dept.id))).toEqual(ticketsBefore);
  });

  it("stores the values with the ticket, and ignores fields of other departments", async () => {
    const [dept, other] = await Promise.all([makeDepartment(), makeDepartment()]);
    const serial = await makeField(dept.id, { required: true });
    const extras = await makeField(dept.id, { type: "checkbox", options: ["Charger", "Case", "Manual"] });
    const foreign = await makeField(other.id, { required: true });
    const form = new FormData();
    form.append(serial.key, " SN-42 ");
    form.append(extras.key, "Manual");
    form.append(extras.key, "Charger");
    form.append(foreign.key, "not for this department");
    form.append("subject", "ignored here");
    const ticket = await portalTicket(dept.id, fieldValuesFromForm(form));
    const values = await listTicketFieldValues(ticket.id);
    expect(values.map((v) => [v.id, v.value])).toEqual([
      [serial.id, "SN-42"],
      [extras.id, '["Charger","Manual"]'],
    ]);
  });

  it("opens a ticket without fields when the door cannot fill them (mail, API)", async () => {
    const dept = await makeDepartment();
    await makeField(dept.id, { required: true });
    const customer = await makeCustomer();
    const ticket = await makeTicket({ userId: customer.id, departmentId: dept.id });
    expect(await listTicketFieldValues(ticket.id)).toEqual([]);
  });

  it("lets an agent edit the values (required enforced, empty clears), records the change, and keeps values across a transfer", async () => {
    const [dept, next] = await Promise.all([makeDepartment(), makeDepartment()]);
    const model = await makeField(dept.id, { type: "select", required: true, options: ["X1", "X2"] });
    const note = await makeField(dept.id);
    const agent = await makeStaff({ departmentIds: [dept.id] });
    const ticket = await portalTicket(dept.id, { [model.key]: "X1", [note.key]: "first" });

    await expect(updateTicketFieldValues(agent.actor, ticket.id, { [model.key]: "", [note.key]: "x" })).rejects.toMatchObject({
      fieldErrors: { [model.key]: `${model.title} is required.` },
    });
    const { changes } = await updateTicketFieldValues(agent.actor, ticket.id, { [model.key]: "X2", [note.key]: "" });
    expect(changes.map((c) => [c.title, c.from, c.to])).toEqual([
      [model.title, "X1", "X2"],
      [note.title, "first", ""],
    ]);
    expect((await listTicketFieldValues(ticket.id)).map((v) => [v.id, v.value])).toEqual([[model.id, "X2"]]);
    const [event] = await db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticket.id)).orderBy(desc(ticketHistory.id)).limit(1);
    expect(event).toMatchObject({ action: "fields_updated", actorType: "staff", actorId: agent.id });
    expect(event!.details).toEqual({
      fields: [
        { title: model.title, from: "X1", to: "X2" },
        { title: note.title, from: "first", to: "" },
      ],
    });
    // Saving the same values again changes nothing and writes no history.
    expect((await updateTicketFieldValues(agent.actor, ticket.id, { [model.key]: "X2" })).changes).toEqual([]);

    await updateTicket(agent.actor, ticket.id, { departmentId: next.id });
    expect((await listTicketFieldValues(ticket.id)).map((v) => [v.id, v.value])).toEqual([[model.id, "X2"]]);
  });

  it("an agent outside the ticket's department cannot edit its values", async () => {
    const [dept, elsewhere] = await Promise.all([makeDepartment(), makeDepartment()]);
    const field = await makeField(dept.id);
    const outsider = await makeStaff({ departmentIds: [elsewhere.id] });
    const ticket = await portalTicket(dept.id, { [field.key]: "mine" });
    await expect(updateTicketFieldValues(outsider.actor, ticket.id, { [field.key]: "theirs" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listTicketFieldValues(ticket.id)).map((v) => v.value)).toEqual(["mine"]);
  });
});
