import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { feedbackEmailOptOuts, feedbackItems, feedbackVotes, users, type FeedbackStatus } from "@/db/schema";
import { getSendingAddress } from "../mail/addresses";
import { baseUrl } from "../mail/notifications";
import { enqueueMail } from "../mail/outbox";
import { loadTemplate, renderTemplate } from "../mail/templates";
import { getSettings } from "../settings";
import { feedbackPath, feedbackStatusLabels } from "./labels";
import { unsubscribeToken } from "./unsubscribe";

/**
 * The people a status change is mailed to: the author and every voter, once each, minus customers who
 * opted out and blocked accounts.
 */
export async function statusMailRecipients(tx: Tx, itemId: number) {
  const optedOut = and(isNull(feedbackEmailOptOuts.userId), eq(users.blocked, false));
  const voters = tx
    .select({ id: users.id, name: users.fullname, email: users.email })
    .from(feedbackVotes)
    .innerJoin(users, eq(users.id, feedbackVotes.userId))
    .leftJoin(feedbackEmailOptOuts, eq(feedbackEmailOptOuts.userId, users.id))
    .where(and(eq(feedbackVotes.itemId, itemId), optedOut));
  const author = tx
    .select({ id: users.id, name: users.fullname, email: users.email })
    .from(feedbackItems)
    .innerJoin(users, eq(users.id, feedbackItems.authorUserId))
    .leftJoin(feedbackEmailOptOuts, eq(feedbackEmailOptOuts.userId, users.id))
    .where(and(eq(feedbackItems.id, itemId), optedOut));
  const rows = [...(await author), ...(await voters)];
  return [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id);
}

/** Queues one status mail per recipient (each with their own unsubscribe link); returns how many. */
export async function enqueueFeedbackStatusMail(tx: Tx, input: { itemId: number; title: string; status: FeedbackStatus; note: string }) {
  const template = await loadTemplate(tx, "feedback_status");
  if (!template) return 0;
  const recipients = await statusMailRecipients(tx, input.itemId);
  if (recipients.length === 0) return 0;
  // Everything through the transaction's own connection: a second pool connection per mail could starve
  // the pool when many changes mail at once.
  const address = await getSendingAddress(tx, null);
  const url = await baseUrl(tx);
  const { helpdeskName } = await getSettings(tx);
  for (const person of recipients) {
    const unsubscribe = `${url}/feedback/unsubscribe/${unsubscribeToken(person.id)}`;
    const rendered = renderTemplate(template, {
      "recipient.name": person.name,
      "feedback.title": input.title,
      "feedback.status": feedbackStatusLabels[input.status],
      "feedback.note": input.note,
      "feedback.link": `${url}${feedbackPath(input.itemId)}`,
      "unsubscribe.link": unsubscribe,
      "helpdesk.name": helpdeskName,
    });
    await enqueueMail(tx, {
      event: "feedback_status",
      emailAddressId: address?.id ?? null,
      fromEmail: address?.email ?? null,
      to: person.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // Mail clients show their own "unsubscribe" button for it (RFC 2369); the page asks for one click.
      headers: { "List-Unsubscribe": `<${unsubscribe}>` },
    });
  }
  return recipients.length;
}

/** For tests and the agent page: how many people a status change would reach now. */
export async function countStatusMailRecipients(tx: Tx, itemId: number) {
  return (await statusMailRecipients(tx, itemId)).length;
}
