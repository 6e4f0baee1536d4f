import { eq } from "drizzle-orm";
import { db } from "@/db";
import { departments, messages, tickets, ticketSources } from "@/db/schema";
import { type IncomingFile, insertAttachmentRows, removeAttachmentFiles, writeAttachmentFiles } from "../attachments";
import type { StaffActor } from "../auth/actors";
import { worksInDepartment } from "../auth/permissions";
import { listFieldsForDepartment, parseFieldValues, saveFieldValues, type FieldValue } from "../custom-fields";
import { AppError } from "../errors";
import { notifyTicketCreated } from "../mail/notifications";
import { randomToken } from "../tokens";
import { findOrCreateCustomer } from "../users";
import { recordTicketEvent, type HistoryActor } from "./history";
import { TicketStatus, type TicketStatusCode } from "./status";

export type NewTicket = {
  requester: { email: string; fullname: string } | { userId: number };
  departmentId: number;
  subject: string;
  message: string;
  bodyFormat?: "text" | "html";
  priorityId?: number | null;
  status?: TicketStatusCode;
  files?: IncomingFile[];
  source: (typeof ticketSources)[number];
  /** Who opens it: the portal (guest or signed-in customer), an agent, the API, or the mail door. */
  openedBy: { type: "guest" | "user"; id?: number } | { type: "staff"; actor: StaffActor } | { type: "api" | "system"; id?: number };
  ip?: string | null;
  emailMessageId?: string | null;
  /**
   * The department's custom field values as submitted (`field_<id>` keys), checked against its fields
   * (required, type, options). Doors with a form pass them; mail and the HelpDeskZ-compatible API have
   * no way to fill them, so they leave this out and the ticket is created without them.
   */
  fieldValues?: Record<string, unknown>;
  /** Send the customer the new-ticket mail (default true; the API's notify=0 and loop protection turn it off). */
  notify?: boolean;
};

/** Opens a ticket: the one place every door creates tickets through. */
export async function createTicket(input: NewTicket) {
  const [department] = await db
    .select({ id: departments.id, isPrivate: departments.isPrivate, portalEnabled: departments.portalEnabled })
    .from(departments)
    .where(eq(departments.id, input.departmentId));
  const fromPortal = input.openedBy.type === "guest" || input.openedBy.type === "user";
  if (!department || (fromPortal && (department.isPrivate || !department.portalEnabled))) {
    throw new AppError("invalid", "Choose a department.", { departmentId: "Choose a department." });
  }
  if (input.openedBy.type === "staff" && !worksInDepartment(input.openedBy.actor, department.id)) {
    throw new AppError("invalid", "You do not work in this department.", { departmentId: "You do not work in this department." });
  }

  let fieldValues: FieldValue[] = [];
  if (input.fieldValues) {
    const parsed = parseFieldValues(await listFieldsForDepartment(department.id), input.fieldValues);
    if (!parsed.ok) throw new AppError("invalid", "Please correct the highlighted fields.", parsed.fieldErrors);
    fieldValues = parsed.values;
  }

  const files = await writeAttachmentFiles(input.files ?? []);
  try {
    return await db.transaction(async (tx) => {
      const userId =
        "userId" in input.requester ? input.requester.userId : (await findOrCreateCustomer(tx, input.requester)).id;
      const now = new Date();
      const publicToken = randomToken();
      const [ticket] = await tx
        .insert(tickets)
        .values({
          publicToken,
          subject: input.subject.trim().slice(0, 255) || "(no subject)",
          userId,
          departmentId: department.id,
          priorityId: input.priorityId ?? null,
          status: input.status ?? TicketStatus.Open,
          source: input.source,
          lastReplierType: input.openedBy.type === "staff" ? "staff" : "user",
          lastReplierStaffId: input.openedBy.type === "staff" ? input.openedBy.actor.id : null,
          lastUpdateAt: now,
        })
        .$returningId();
      const ticketId = ticket!.id;
      const byStaff = input.openedBy.type === "staff" ? input.openedBy.actor : null;
      const [message] = await tx
        .insert(messages)
        .values({
          ticketId,
          authorType: byStaff ? "staff" : "user",
          userId: byStaff ? null : userId,
          staffId: byStaff?.id ?? null,
          body: input.message,
          bodyFormat: input.bodyFormat ?? "text",
          ip: input.ip ?? null,
          emailMessageId: input.emailMessageId ?? null,
        })
        .$returningId();
      await insertAttachmentRows(tx, ticketId, message!.id, files);
      await saveFieldValues(tx, ticketId, fieldValues);
      const historyActor: HistoryActor =
        input.openedBy.type === "staff"
          ? { type: "staff", id: input.openedBy.actor.id }
          : { type: input.openedBy.type, id: input.openedBy.type === "guest" ? userId : (input.openedBy.id ?? null) };
      await recordTicketEvent(tx, ticketId, historyActor, "created", { source: input.source }, input.ip);
      await notifyTicketCreated(tx, {
        ticketId,
        message: { body: input.message, format: input.bodyFormat ?? "text" },
        emailMessageId: input.emailMessageId,
        notifyCustomer: input.notify ?? true,
        openedByStaffId: byStaff?.id ?? null,
      });
      return { id: ticketId, publicToken, userId, messageId: message!.id };
    });
  } catch (error) {
    await removeAttachmentFiles(files);
    throw error;
  }
}
