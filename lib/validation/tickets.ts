import { z } from "zod";
import { emailSchema } from "./auth";

const messageBody = z.string().trim().min(1, "Write a message.").max(100_000, "The message is too long.");

/** The portal's "open a ticket" form. */
export const openTicketSchema = z.object({
  departmentId: z.coerce.number({ error: "Choose a department." }).int().positive("Choose a department."),
  fullname: z.string().trim().min(1, "Enter your name.").max(200, "Use at most 200 characters."),
  email: emailSchema,
  subject: z.string().trim().min(1, "Enter a subject.").max(255, "Use at most 255 characters."),
  message: messageBody,
});

export const customerReplySchema = z.object({ message: messageBody });

const statusCode = z.coerce.number().int().min(1, "Choose a status.").max(5, "Choose a status.");

export const staffReplySchema = z.object({
  message: messageBody,
  /** Status after the reply; empty means the default (Answered). */
  status: z.preprocess((v) => (v === "" || v == null ? undefined : v), statusCode.optional()),
});

export const noteSchema = z.object({ message: messageBody });

export const ticketUpdateSchema = z.object({
  status: statusCode.optional(),
  priorityId: z.coerce.number().int().positive().nullable().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  assignedStaffId: z.coerce.number().int().positive().nullable().optional(),
});

const optionalInt = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional());

/** The agent queue's URL: every filter lives in the query string so a view can be bookmarked. */
export const queueViews = ["active", "mine", "unassigned", "open", "awaiting", "in-progress", "answered", "overdue", "closed", "all"] as const;
export type QueueView = (typeof queueViews)[number];

const optionalDate = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.iso.date().optional()).catch(undefined);

/** The agent queue's URL: every filter lives in the query string so a view can be bookmarked. */
export const queueQuerySchema = z.object({
  view: z.enum(queueViews).catch("active"),
  status: z.preprocess((v) => (v === "" || v == null ? undefined : v), statusCode.optional()).catch(undefined),
  department: optionalInt.catch(undefined),
  priority: optionalInt.catch(undefined),
  assignee: optionalInt.catch(undefined),
  organization: optionalInt.catch(undefined),
  createdFrom: optionalDate,
  createdTo: optionalDate,
  updatedFrom: optionalDate,
  updatedTo: optionalDate,
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(["updated", "created", "id", "subject", "status"]).catch("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const customerTicketsQuerySchema = z.object({
  status: z.preprocess((v) => (v === "" || v == null ? undefined : v), statusCode.optional()).catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(["updated", "created", "id", "subject", "status"]).catch("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type OpenTicketInput = z.infer<typeof openTicketSchema>;
export type QueueQuery = z.infer<typeof queueQuerySchema>;
export type CustomerTicketsQuery = z.infer<typeof customerTicketsQuerySchema>;

/** A bulk action from the queue: the selected tickets and one change. */
const selectedTickets = z.array(z.number().int().positive()).min(1, "Select tickets first.").max(200, "Select at most 200 tickets.");

export const bulkActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), ticketIds: selectedTickets, assignedStaffId: z.number().int().positive().nullable() }),
  z.object({ action: z.literal("status"), ticketIds: selectedTickets, status: statusCode }),
  z.object({ action: z.literal("priority"), ticketIds: selectedTickets, priorityId: z.number().int().positive().nullable() }),
  z.object({ action: z.literal("department"), ticketIds: selectedTickets, departmentId: z.number().int().positive() }),
  z.object({ action: z.literal("delete"), ticketIds: selectedTickets }),
]);

export type BulkAction = z.infer<typeof bulkActionSchema>;

/** An agent opening a ticket on behalf of a customer (existing or new email). */
export const staffNewTicketSchema = openTicketSchema.extend({
  fullname: z.string().trim().max(200, "Use at most 200 characters."),
  priorityId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional()),
  notify: z.preprocess((v) => v === "on" || v === true || v === "1", z.boolean()),
});
