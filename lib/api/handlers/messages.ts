import { getCachedSettings } from "../../settings";
import { addCustomerReply, addStaffReplyAsStaffId } from "../../tickets/replies";
import { TicketStatus } from "../../tickets/status";
import { replierRule, requiredText, staffIdRule } from "../../validation/api";
import { apiSuccess, ApiFailure, parseId, parsePage, str, unix } from "../http";
import { listMessagesPage, staffIsActive, ticketInfo } from "../queries";
import { apiMessageBody } from "../message-body";
import { FieldErrors } from "../validate";
import { acceptedUploads } from "./tickets";
import type { ApiContext } from "../context";
import type { ApiResource } from "./types";

/** The public thread of a ticket, a page at a time: `GET /api/messages/{ticket_id}`. */
async function thread(ctx: ApiContext, id: string | null | undefined) {
  ctx.require("messages/read");
  const ticketId = parseId(id);
  const ticket = ticketId ? await ticketInfo(ticketId) : null;
  if (!ticket) throw new ApiFailure("Ticket not found.");
  const page = parsePage(ctx.query.get("page"));
  const { pageSize } = await getCachedSettings();
  const result = await listMessagesPage(ticket.id, page, pageSize);
  return apiSuccess({
    pages: Math.ceil(result.total / pageSize),
    total_replies: result.total,
    messages: result.rows.map((m) => ({
      id: str(m.id),
      date: unix(m.createdAt),
      customer: m.authorType === "staff" ? "0" : "1",
      staff_id: str(m.staffId ?? 0),
      message: m.body,
    })),
  });
}

export const messagesResource: ApiResource = {
  // HelpDeskZ only has the show form; a list with ?ticket_id= is the same read.
  index: (ctx) => thread(ctx, ctx.query.get("ticket_id")),
  show: (ctx, id) => thread(ctx, id),

  async create(ctx) {
    ctx.require("messages/create");
    const { fields, files } = await ctx.body();
    const errors = new FieldErrors(["ticket_id", "message", "replier", "staff_id", "attachment"]);
    const ticketId = errors.field("ticket_id", requiredText("Ticket ID is missing."), fields.ticket_id);
    const ticket = ticketId !== undefined ? await (parseId(ticketId.trim()) ? ticketInfo(Number(ticketId)) : null) : undefined;
    if (ticketId !== undefined && !ticket) errors.add("ticket_id", "Ticket not found.");
    const message = errors.field("message", requiredText("Message is missing."), fields.message);
    const replier = errors.field("replier", replierRule, fields.replier);
    let staffId: number | undefined;
    if (replier === "staff") {
      staffId = errors.field("staff_id", staffIdRule, fields.staff_id);
      if (staffId && !(await staffIsActive(staffId))) errors.add("staff_id", "Staff ID not found.");
    }
    const uploads = await acceptedUploads(files, errors);
    errors.throwIfAny();

    const input = { ...apiMessageBody(message!), files: uploads, ip: ctx.ip };
    const result =
      replier === "staff"
        ? await addStaffReplyAsStaffId(staffId!, ticket!.id, {
            ...input,
            // close=1 closes the ticket with the staff reply, in the same transaction.
            status: fields.close === "1" ? TicketStatus.Closed : undefined,
          })
        : await addCustomerReply(ticket!.id, ticket!.userId, { ...input, via: "api" });
    return apiSuccess({ message_id: result.messageId, message: "Message was created and added to ticket." });
  },
};
