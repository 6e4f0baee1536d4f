import { int, mediumtext, mysqlTable, primaryKey } from "drizzle-orm/mysql-core";
import { ref } from "./columns";
import { tickets } from "./tickets";

/**
 * The subject (message 0) and every message of each ticket, with each word of 3+ letters or digits
 * written `d<department id>x<word>`, for keyword search bounded by an agent's departments (see
 * lib/tickets/search.ts). Written only by triggers (migration 0010); FULLTEXT on terms.
 */
export const ticketSearch = mysqlTable(
  "ticket_search",
  {
    ticketId: ref("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: int("message_id", { unsigned: true }).notNull(),
    terms: mediumtext("terms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.messageId] })],
);
