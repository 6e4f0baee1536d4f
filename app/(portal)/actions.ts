"use server";

import { actionError, formObject, invalidInput, type ActionResult } from "@/lib/actions";
import { requestIp } from "@/lib/request";
import { requestTicketLink } from "@/lib/tickets/public-link";
import { checkTicketSchema } from "@/lib/validation/portal";

/** "Check a ticket": the same answer whether or not the number and the address match. */
export async function checkTicketAction(form: FormData): Promise<ActionResult> {
  const parsed = checkTicketSchema.safeParse(formObject(form));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await requestTicketLink(parsed.data, await requestIp());
  } catch (error) {
    return actionError(error);
  }
  return {
    ok: true,
    message:
      "If this ticket number and email address go together, we have sent the ticket's link to that address. It may take a few minutes to arrive.",
  };
}
