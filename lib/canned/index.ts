import { asc, eq, isNull, or } from "drizzle-orm";
import { db } from "@/db";
import { cannedResponses } from "@/db/schema";
import type { StaffActor } from "../auth/actors";

/** Shared canned responses and the agent's own. */
export function listCannedResponses(actor: StaffActor) {
  return db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body, staffId: cannedResponses.staffId })
    .from(cannedResponses)
    .where(or(isNull(cannedResponses.staffId), eq(cannedResponses.staffId, actor.id)))
    .orderBy(asc(cannedResponses.sortOrder), asc(cannedResponses.title));
}

export type PlaceholderValues = Record<string, string | number>;

/** Replaces {{name}} placeholders with the ticket's values; unknown ones are left for the agent to see. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export const placeholderNames = ["customer.name", "customer.email", "ticket.id", "ticket.subject", "ticket.department", "agent.name"] as const;
