import { describeIngest, ingest, MAX_INBOUND_BYTES, type IngestResult } from "@/lib/mail/ingest";
import type { ApiContext } from "../context";
import { ApiFailure, apiError, apiSuccess } from "../http";
import type { ApiResource } from "./types";


const RAW_TYPES = new Set(["message/rfc822", "application/octet-stream"]);

/** What happened to the message, for the forwarder's log line; ingest's "failed" is kept, not lost. */
function outcome(result: IngestResult) {
  const message = describeIngest(result);
  switch (result.status) {
    case "stored":
      return { status: "stored", ticket_id: result.ticketId, message_id: result.messageId, new_ticket: result.createdTicket ? 1 : 0, message };
    case "duplicate":
      return { status: "duplicate", ticket_id: result.ticketId, message };
    case "ignored":
      return { status: "ignored", message };
    case "failed":
      return { status: "dead-lettered", message };
  }
}

/**
 * POST /api/mail: the MTA pipe over HTTP (scripts/mail-pipe.sh posts each message here). The body is the
 * raw message; it goes through the same ingest as the pipe and IMAP. Anything that cannot be stored now
 * throws, and the API answers 503, so the forwarder exits 75 and the MTA retries.
 */
async function deliver(ctx: ApiContext): Promise<Response> {
  ctx.require("mail/create");
  if (!RAW_TYPES.has(ctx.contentType)) {
    throw new ApiFailure("Send the raw message as the body, with Content-Type: message/rfc822.", 415);
  }
  const raw = await ctx.raw(MAX_INBOUND_BYTES);
  if (raw.length === 0) return apiError("The message is empty: nothing to store.");
  return apiSuccess(outcome(await ingest(raw, "pipe")));
}

export const mailResource: ApiResource = { create: deliver };
