import { and, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { tickets, ticketSearch, users } from "@/db/schema";
import { escapeLike } from "./queries";

/**
 * Department-scoped keyword search.
 *
 * The FULLTEXT indexes on tickets.subject and messages.body know nothing of departments: a word common
 * across the help desk but absent from an agent's two departments made MariaDB list every one of its
 * hundreds of thousands of matches before the department filter could throw them all away (seconds).
 * Adding a department token to the indexed text does not help either: InnoDB intersects whole posting
 * lists, and a department's list is as long as the department (an 800,000-document list costs ~1 s).
 *
 * So ticket_search (migration 0010) holds the subject and every message again with each word of 3+
 * letters or digits written as `d<department id>x<word>`: the department is part of every word. A
 * search for "printer" by an agent of departments 2 and 3 asks for `+(d2xprinter* d3xprinter*)` and
 * InnoDB reads only the postings of those two departments: the work is bounded by the matches the
 * agent may see, never by the help desk's. One row per document (the subject is message 0) keeps the
 * old rule: all words in the subject, or all words in one message. Triggers keep the rows in step with
 * every write (replies, edits, merges, transfers, imports: every door, with no code of theirs to change).
 */

/** The words a document is indexed by: runs of 3+ letters or digits (shorter ones full text ignores). */
export const SEARCH_WORD_PATTERN = "[\\p{L}\\p{N}]{3,}";

/** `+(d2xword* d3xword*) +(…)`: every word, as a word prefix, in one of these departments. */
export function departmentMatch(departmentIds: number[], words: string[]): string {
  return words.map((word) => `+(${departmentIds.map((id) => `d${id}x${word}*`).join(" ")})`).join(" ");
}

/** The query's words the index can look up (runs of 3+ letters or digits), or null when there are none. */
export function indexWords(q: string): string[] | null {
  const words = [...new Set(q.match(new RegExp(SEARCH_WORD_PATTERN, "gu")) ?? [])];
  return words.length ? words : null;
}

/**
 * Ids of the tickets in these departments that a keyword search matches, by the queue's rule: the
 * requester's name or email (substring); all the query's words in the subject or in one message (word
 * prefixes); a query that is not only words (punctuation, short words) also by subject substring, as
 * typed. Every part reads these departments' rows only: a word frequent elsewhere costs nothing here.
 */
export function departmentSearchMatches(departmentIds: number[], q: string): SQL {
  const ids = departmentIds.length ? departmentIds : [0];
  const pattern = `%${escapeLike(q)}%`;
  // From the few matching people to their tickets (by requester index): left alone, MariaDB scans
  // every ticket of the departments and looks each requester up.
  const requesters = db
    .select({ id: users.id })
    .from(users)
    .where(or(like(users.fullname, pattern), like(users.email, pattern)));
  const parts: SQL[] = [
    sql`${db
      .select({ id: tickets.id })
      .from(tickets, { forceIndex: "tickets_user_idx" })
      .where(and(inArray(tickets.userId, requesters), inArray(tickets.departmentId, ids)))}`,
  ];
  // An email address is looked for in requesters only, as the help desk always has.
  if (/^\S+@\S+$/.test(q)) return parts[0]!;
  const words = indexWords(q);
  if (words) {
    parts.push(
      sql`${db
        .select({ id: ticketSearch.ticketId })
        .from(ticketSearch)
        .where(sql`MATCH(${ticketSearch.terms}) AGAINST (${departmentMatch(ids, words)} IN BOOLEAN MODE)`)}`,
    );
  }
  const onlyWords = q.split(/\s+/).every((w) => w.length >= 3 && /^[\p{L}\p{N}]+$/u.test(w));
  if (!onlyWords) {
    parts.push(sql`${db.select({ id: tickets.id }).from(tickets).where(and(inArray(tickets.departmentId, ids), like(tickets.subject, pattern)))}`);
  }
  // UNION (not ALL): one ticket matches once, however many of its messages hold the words.
  return sql.join(parts, sql` UNION `);
}

/** The SQL expression for `text` written for the department in `department` (as the triggers write it). */
export const termsSql = (text: string, department: string) => `REGEXP_REPLACE(${text}, '${SEARCH_WORD_PATTERN.replace(/\\/g, "\\\\")}', CONCAT('d', ${department}, 'x\\\\0'))`;

/**
 * Rewrites every ticket_search row from the tickets and messages (for a bulk load that inserted rows
 * with `@helpdeck_bulk_load = 1`, which the triggers skip). Drops and rebuilds the FULLTEXT index
 * around the load: one sorted build is far faster than a million row-by-row index updates.
 */
export async function rebuildTicketSearch(run: (statement: string) => Promise<unknown>) {
  await run("ALTER TABLE ticket_search DROP INDEX IF EXISTS ticket_search_terms_ft");
  await run("TRUNCATE TABLE ticket_search");
  await run(`INSERT INTO ticket_search (ticket_id, message_id, terms) SELECT t.id, 0, ${termsSql("t.subject", "t.department_id")} FROM tickets t`);
  await run(`INSERT INTO ticket_search (ticket_id, message_id, terms) SELECT m.ticket_id, m.id, ${termsSql("m.body", "t.department_id")} FROM messages m JOIN tickets t ON t.id = m.ticket_id`);
  await run("ALTER TABLE ticket_search ADD FULLTEXT INDEX ticket_search_terms_ft (terms)");
}
