import { getStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/request";
import { touchTicketPresence } from "@/lib/tickets/presence";

/** Heartbeat from an open ticket page; answers with the other staff viewing the same ticket. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOriginRequest(request)) return Response.json({ error: "Cross-site request refused" }, { status: 403 });
  const actor = await getStaff();
  const ticketId = Number((await params).id);
  if (!actor || !Number.isInteger(ticketId) || ticketId <= 0) return Response.json({ error: "Not found" }, { status: 404 });
  try {
    const viewers = await touchTicketPresence(actor, ticketId);
    return Response.json({ viewers: viewers.map((v) => v.fullname) });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: "Not found" }, { status: 404 });
    throw error;
  }
}
