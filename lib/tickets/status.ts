/** HelpDeskZ's status codes, kept so that its API clients and imported data mean the same thing. */
export const TicketStatus = {
  Open: 1,
  Answered: 2,
  AwaitingReply: 3,
  InProgress: 4,
  Closed: 5,
} as const;

export type TicketStatusCode = (typeof TicketStatus)[keyof typeof TicketStatus];

export const ticketStatuses: { code: TicketStatusCode; label: string; slug: string }[] = [
  { code: 1, label: "Open", slug: "open" },
  { code: 2, label: "Answered", slug: "answered" },
  { code: 3, label: "Awaiting reply", slug: "awaiting-reply" },
  { code: 4, label: "In progress", slug: "in-progress" },
  { code: 5, label: "Closed", slug: "closed" },
];

export const isStatusCode = (value: number): value is TicketStatusCode => value >= 1 && value <= 5 && Number.isInteger(value);

export const statusLabel = (code: number) => ticketStatuses.find((s) => s.code === code)?.label ?? "Unknown";
