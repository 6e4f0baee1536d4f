import { z } from "zod";
import { emailSchema } from "./auth";

/** The email that unlocks replying and closing on a public ticket link. */
export const linkEmailSchema = z.object({ email: emailSchema });

/** "Check a ticket" on the portal home: ticket number and email. */
export const checkTicketSchema = z.object({
  ticketId: z
    .string()
    .trim()
    .regex(/^#?\d{1,10}$/, "Enter the ticket number, for example 1234.")
    .transform((value) => Number(value.replace("#", ""))),
  email: emailSchema,
});

export type LinkEmailInput = z.infer<typeof linkEmailSchema>;
export type CheckTicketInput = z.infer<typeof checkTicketSchema>;
