import { checkUploads, type IncomingFile } from "../../attachments";
import { loadStaffActor } from "../../auth/actors";
import { isAppError } from "../../errors";
import { getCachedSettings } from "../../settings";
import { createTicket } from "../../tickets/create";
import { deleteTicket } from "../../tickets/delete";
import { isStatusCode, type TicketStatusCode } from "../../tickets/status";
import { updateTicket, type TicketChanges } from "../../tickets/update";
import { openerRule, requiredId, requiredText, staffIdRule, statusRule } from "../../validation/api";
import { apiSuccess, ApiFailure, parseId, parsePage } from "../http";
import { departmentExists, getApiTicket, listTicketsPage, staffIsActive, ticketInfo, userExists } from "../queries";
import { apiMessageBody } from "../message-body";
import { FieldErrors } from "../validate";
import type { ApiResource } from "./types";

/** A numeric query filter, as HelpDeskZ reads them: ignored unless numeric. */
function numericParam(value: string | null): number | undefined {
  if (value === null || value.trim() === "" || !/^\d{1,10}$/.test(value.trim())) return undefined;
  return Number(value);
}

/**
 * Applies the admin's attachment rules to API uploads. With attachments switched off, uploads are
 * ignored, as HelpDeskZ does; a refused file is a field error in the combined message.
 */
export async function acceptedUploads(files: IncomingFile[], errors: FieldErrors): Promise<IncomingFile[]> {
  if (files.length === 0) return [];
  const settings = await getCachedSettings();
  if (!settings.attachmentsEnabled) return [];
  try {
    checkUploads(files, settings);
  } catch (error) {
    if (!isAppError(error)) throw error;
    errors.add("attachment", error.message);
  }
  return files;
}

export const ticketsResource: ApiResource = {
  async index(ctx) {
    ctx.require("tickets/read");
    const page = parsePage(ctx.query.get("page"));
    // HelpDeskZ reads `status`; `status_id` is accepted as well.
    const statusParam = ctx.query.get("status") ?? ctx.query.get("status_id");
    let status: TicketStatusCode | undefined;
    if (statusParam !== null && statusParam.trim() !== "" && Number.isFinite(Number(statusParam))) {
      const code = Number(statusParam);
      if (!isStatusCode(code)) throw new ApiFailure("Invalid Status ID.");
      status = code;
    }
    const { pageSize } = await getCachedSettings();
    const result = await listTicketsPage(
      { status, userId: numericParam(ctx.query.get("user_id")), departmentId: numericParam(ctx.query.get("department_id")) },
      page,
      pageSize,
    );
    return apiSuccess({
      total_tickets: result.total,
      pages: Math.ceil(result.total / pageSize),
      tickets: result.rows,
    });
  },

  async show(ctx, id) {
    ctx.require("tickets/read");
    const ticketId = parseId(id);
    const ticket = ticketId ? await getApiTicket(ticketId) : null;
    if (!ticket) throw new ApiFailure("Ticket not found.");
    return apiSuccess({ ticket });
  },

  async create(ctx) {
    ctx.require("tickets/create");
    const { fields, files } = await ctx.body();
    const errors = new FieldErrors(["opener", "user_id", "staff_id", "department_id", "subject", "body", "attachment"]);
    const opener = errors.field("opener", openerRule, fields.opener);
    const userId = errors.field("user_id", requiredId("User ID is missing.", "User ID is not valid."), fields.user_id);
    if (userId && !(await userExists(userId))) errors.add("user_id", "User ID not found.");
    let staffId: number | undefined;
    if (opener === "staff") {
      staffId = errors.field("staff_id", staffIdRule, fields.staff_id);
      if (staffId && !(await staffIsActive(staffId))) errors.add("staff_id", "Staff ID not found.");
    }
    const departmentId = errors.field(
      "department_id",
      requiredId("Department ID is missing.", "Department ID is not valid."),
      fields.department_id,
    );
    if (departmentId && !(await departmentExists(departmentId))) errors.add("department_id", "Department ID not found.");
    const subject = errors.field("subject", requiredText("Subject is missing."), fields.subject);
    const body = errors.field("body", requiredText("Body is missing."), fields.body);
    const uploads = await acceptedUploads(files, errors);
    errors.throwIfAny();

    const staffActor = staffId ? await loadStaffActor(staffId) : null;
    if (staffId && !staffActor) throw new ApiFailure("Staff ID not found.");
    const ticket = await createTicket({
      requester: { userId: userId! },
      departmentId: departmentId!,
      subject: subject!,
      ...apiMessageBody(body!),
      files: uploads,
      source: "api",
      // A staff opener speaks for the help desk through the API: no department scope, as in HelpDeskZ.
      openedBy: staffActor ? { type: "staff", actor: { ...staffActor, role: "admin" } } : { type: "api", id: ctx.key.id },
      ip: ctx.ip,
      // HelpDeskZ mails the customer about an API ticket only when asked to (notify=1).
      notify: fields.notify === "1",
    });
    return apiSuccess({ ticket_id: ticket.id, message: "Ticket was created." });
  },

  async update(ctx, id) {
    ctx.require("tickets/update");
    const ticketId = parseId(id);
    const ticket = ticketId ? await ticketInfo(ticketId) : null;
    if (!ticket) throw new ApiFailure("Ticket not found.");
    const { fields } = await ctx.body();
    const errors = new FieldErrors(["department_id", "status"]);
    const changes: TicketChanges = {};
    // As in HelpDeskZ, an empty or "0" value leaves the field alone.
    if (fields.department_id && fields.department_id !== "0") {
      const departmentId = errors.field(
        "department_id",
        requiredId("Department ID is not valid.", "Department ID is not valid."),
        fields.department_id,
      );
      if (departmentId && !(await departmentExists(departmentId))) errors.add("department_id", "Department ID not found.");
      changes.departmentId = departmentId;
    }
    if (fields.status && fields.status !== "0") {
      changes.status = errors.field("status", statusRule, fields.status);
    }
    errors.throwIfAny();
    if (Object.keys(changes).length) await updateTicket({ type: "api", id: ctx.key.id }, ticket.id, changes);
    return apiSuccess("Ticket was updated.");
  },

  async delete(ctx, id) {
    ctx.require("tickets/delete");
    const ticketId = parseId(id);
    const ticket = ticketId ? await ticketInfo(ticketId) : null;
    if (!ticket) throw new ApiFailure("Ticket not found.");
    await deleteTicket(ticket.id);
    return apiSuccess("Ticket was removed.");
  },
};
