// What mappers need to know about rows imported before theirs (small sets: departments, staff, fields).
import type { customFieldTypes } from "@/db/schema";

export type FieldInfo = { id: number; type: (typeof customFieldTypes)[number]; options: string[] };

export type MapContext = {
  departmentIds: Set<number>;
  /** Where tickets of a deleted department go: the first department in HelpDeskZ's order. */
  fallbackDepartmentId: number | null;
  priorityIds: Set<number>;
  staffIds: Set<number>;
  /** HelpDeskZ keeps custom field values by title; titles are matched case-insensitively. */
  fieldsByTitle: Map<string, FieldInfo>;
  /** Source user ids that map to another id (duplicate emails), and the stand-in for missing users. */
  userRemap: Map<number, number>;
  placeholderUserId: number | null;
  /** Notes live in hdz_ticket_notes with their own ids; they become messages at noteIdOffset + id. */
  noteIdOffset: number;
  kbCategoryIds: Set<number>;
};

/** Marks a source user that was not imported: their tickets go to the placeholder customer. */
export const MISSING_USER = -1;

/**
 * A source user id as imported: a duplicate email points at the first account with that address, and
 * a user that was not imported (or whose first account was not) is MISSING_USER.
 */
export function userIdOf(ctx: MapContext, id: number): number {
  let current = id;
  for (let hops = 0; hops < 3; hops++) {
    const next = ctx.userRemap.get(current);
    if (next === undefined || next === current) return current;
    current = next;
    if (current === MISSING_USER) return current;
  }
  return current;
}

export const clip = (value: string, length: number) =>
  value.length > length ? value.slice(0, length) : value;
