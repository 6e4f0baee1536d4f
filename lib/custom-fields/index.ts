import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { customFieldDepartments, customFields, departments, ticketFieldValues } from "@/db/schema";
import { AppError } from "../errors";
import { moveInOrder } from "../ordering";
import { type CustomFieldDefinition, type CustomFieldType, type FieldValue } from "./schema";

export { displayFieldValue, fieldKey, fieldValuesFromForm, parseFieldValues, type CustomFieldDefinition, type FieldValue } from "./schema";

const definitionColumns = {
  id: customFields.id,
  type: customFields.type,
  title: customFields.title,
  description: customFields.description,
  required: customFields.required,
  options: customFields.options,
};

/** The fields a ticket of this department asks for, in order. */
export function listFieldsForDepartment(departmentId: number): Promise<CustomFieldDefinition[]> {
  return db
    .select(definitionColumns)
    .from(customFields)
    .where(
      or(
        eq(customFields.allDepartments, true),
        sql`EXISTS (SELECT 1 FROM ${customFieldDepartments} WHERE ${customFieldDepartments.fieldId} = ${customFields.id} AND ${customFieldDepartments.departmentId} = ${departmentId})`,
      ),
    )
    .orderBy(asc(customFields.sortOrder), asc(customFields.id));
}

/** The fields of several departments at once (for a form whose department can change), keyed by department id. */
export async function listFieldsByDepartment(departmentIds: number[]): Promise<Record<number, CustomFieldDefinition[]>> {
  if (departmentIds.length === 0) return {};
  const [fields, links] = await Promise.all([
    db.select({ ...definitionColumns, allDepartments: customFields.allDepartments }).from(customFields).orderBy(asc(customFields.sortOrder), asc(customFields.id)),
    db
      .select({ fieldId: customFieldDepartments.fieldId, departmentId: customFieldDepartments.departmentId })
      .from(customFieldDepartments)
      .where(inArray(customFieldDepartments.departmentId, departmentIds)),
  ]);
  return Object.fromEntries(
    departmentIds.map((departmentId) => [
      departmentId,
      fields
        .filter((f) => f.allDepartments || links.some((l) => l.fieldId === f.id && l.departmentId === departmentId))
        .map(({ allDepartments: _all, ...definition }) => definition),
    ]),
  );
}

/** Stores a ticket's values (replacing earlier ones for the same fields), in the caller's transaction. */
export async function saveFieldValues(tx: Tx, ticketId: number, values: FieldValue[]) {
  if (values.length === 0) return;
  await tx
    .insert(ticketFieldValues)
    .values(values.map((v) => ({ ticketId, fieldId: v.fieldId, value: v.value })))
    .onDuplicateKeyUpdate({ set: { value: sql`VALUES(${ticketFieldValues.value})` } });
}

/** A new ticket's values as statements for a batched transaction (db/batch.ts): none, or one insert. */
export function fieldValuesStatements(ticketId: SQL, values: FieldValue[]) {
  return values.length ? [db.insert(ticketFieldValues).values(values.map((v) => ({ ticketId, fieldId: v.fieldId, value: v.value })))] : [];
}

/** A ticket's stored values with their field titles, in field order (for the ticket views). */
export function listTicketFieldValues(ticketId: number) {
  return db
    .select({ ...definitionColumns, value: ticketFieldValues.value })
    .from(ticketFieldValues)
    .innerJoin(customFields, eq(customFields.id, ticketFieldValues.fieldId))
    .where(eq(ticketFieldValues.ticketId, ticketId))
    .orderBy(asc(customFields.sortOrder), asc(customFields.id));
}

// ---- Admin ---------------------------------------------------------------------------------------

export type CustomFieldInput = {
  type: CustomFieldType;
  title: string;
  description: string;
  required: boolean;
  options: string[];
  allDepartments: boolean;
  departmentIds: number[];
};

export async function listCustomFieldsForAdmin() {
  const [rows, links] = await Promise.all([
    db.select().from(customFields).orderBy(asc(customFields.sortOrder), asc(customFields.id)),
    db
      .select({ fieldId: customFieldDepartments.fieldId, name: departments.name })
      .from(customFieldDepartments)
      .innerJoin(departments, eq(departments.id, customFieldDepartments.departmentId)),
  ]);
  return rows.map((row) => ({ ...row, departments: links.filter((l) => l.fieldId === row.id).map((l) => l.name) }));
}

export async function getCustomField(id: number) {
  const [row] = await db.select().from(customFields).where(eq(customFields.id, id));
  if (!row) return null;
  const links = await db.select({ id: customFieldDepartments.departmentId }).from(customFieldDepartments).where(eq(customFieldDepartments.fieldId, id));
  return { ...row, departmentIds: links.map((l) => l.id) };
}

const needsOptions = (type: CustomFieldType) => type === "radio" || type === "select";

export async function saveCustomField(id: number | null, input: CustomFieldInput) {
  const options = [...new Set(input.options.map((o) => o.trim()).filter(Boolean))];
  if (needsOptions(input.type) && options.length < 1) {
    throw new AppError("invalid", "Add at least one option.", { options: "Add at least one option, one a line." });
  }
  if (!input.allDepartments && input.departmentIds.length === 0) {
    throw new AppError("invalid", "Choose at least one department.", { departmentIds: "Choose at least one department, or all of them." });
  }
  const values = {
    type: input.type,
    title: input.title.trim(),
    description: input.description.trim() || null,
    required: input.required,
    options: needsOptions(input.type) || input.type === "checkbox" ? options : null,
    allDepartments: input.allDepartments,
  };
  return db.transaction(async (tx) => {
    let fieldId = id;
    if (fieldId === null) {
      const [last] = await tx.select({ value: sql<number>`COALESCE(MAX(${customFields.sortOrder}), 0)` }).from(customFields);
      const [row] = await tx.insert(customFields).values({ ...values, sortOrder: Math.min(Number(last?.value ?? 0) + 1, 32767) }).$returningId();
      fieldId = row!.id;
    } else {
      const [found] = await tx.select({ id: customFields.id }).from(customFields).where(eq(customFields.id, fieldId));
      if (!found) throw new AppError("not_found", "Custom field not found.");
      await tx.update(customFields).set(values).where(eq(customFields.id, fieldId));
    }
    await tx.delete(customFieldDepartments).where(eq(customFieldDepartments.fieldId, fieldId));
    if (!input.allDepartments) {
      const existing = await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, input.departmentIds));
      if (existing.length) await tx.insert(customFieldDepartments).values(existing.map((d) => ({ fieldId: fieldId!, departmentId: d.id })));
    }
    return { id: fieldId };
  });
}

/** Deletes a field and, with it, the values stored on tickets (cascade). */
export async function deleteCustomField(id: number) {
  const [result] = await db.delete(customFields).where(eq(customFields.id, id));
  if (result.affectedRows === 0) throw new AppError("not_found", "Custom field not found.");
}

export async function moveCustomField(id: number, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: customFields.id }).from(customFields).orderBy(asc(customFields.sortOrder), asc(customFields.id)).for("update");
    const found = await moveInOrder(rows.map((r) => r.id), id, direction, (rowId, position) =>
      tx.update(customFields).set({ sortOrder: position }).where(and(eq(customFields.id, rowId))),
    );
    if (!found) throw new AppError("not_found", "Custom field not found.");
  });
}
