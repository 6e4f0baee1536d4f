import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { feedbackCategories, feedbackComments, feedbackEmailOptOuts, feedbackItems, feedbackVotes, type FeedbackStatus } from "@/db/schema";
import type { StaffActor, UserActor } from "../auth/actors";
import { assertCan } from "../auth/permissions";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { enforceRateLimit } from "../rate-limit";
import { getSettings } from "../settings";
import { createTicket } from "../tickets/create";
import { getTicketForStaff } from "../tickets/queries";
import type { FeedbackCategoryFormValues, FeedbackSubmitValues } from "../validation/feedback";
import { enqueueFeedbackStatusMail } from "./notify";

const notFound = () => new AppError("not_found", "Feedback not found.");

// Per customer and hour: generous for people, a ceiling for a script with a stolen session.
const SUBMISSIONS_PER_HOUR = 10;
const COMMENTS_PER_HOUR = 30;

/** Locks an item for the rest of the transaction: vote, merge and status changes on it run one at a time. */
async function lockItem(tx: Tx, itemId: number) {
  const [item] = await tx.select().from(feedbackItems).where(eq(feedbackItems.id, itemId)).for("update");
  if (!item) throw notFound();
  return item;
}

/** A customer may act on an item (vote, comment) only while it is published and not merged away. */
function assertOpenToCustomers(item: { visibility: string; mergedIntoId: number | null }) {
  if (item.visibility !== "visible") throw notFound();
  if (item.mergedIntoId) throw new AppError("conflict", "This feedback was merged into another item: vote and comment there.");
}

/** Count columns recomputed from their rows, so they can never drift from them. */
async function recount(tx: Tx, itemId: number) {
  await tx
    .update(feedbackItems)
    .set({
      voteCount: sql`(SELECT COUNT(*) FROM ${feedbackVotes} WHERE ${feedbackVotes.itemId} = ${itemId})`,
      commentCount: sql`(SELECT COUNT(*) FROM ${feedbackComments} WHERE ${feedbackComments.itemId} = ${itemId})`,
      // Counting is not an edit: "recently updated" should not move.
      updatedAt: sql`${feedbackItems.updatedAt}`,
    })
    .where(eq(feedbackItems.id, itemId));
}

async function assertCategory(tx: Tx, categoryId: number | null) {
  if (categoryId == null) return;
  const [row] = await tx.select({ id: feedbackCategories.id }).from(feedbackCategories).where(eq(feedbackCategories.id, categoryId));
  if (!row) throw new AppError("invalid", "Choose a category from the list.", { categoryId: "Choose a category from the list." });
}

/**
 * A signed-in customer submits an idea or suggestion. It is published at once, or waits for an agent
 * when the admin asks for approval. The author's own vote is counted from the start.
 */
export async function submitFeedback(actor: UserActor, input: FeedbackSubmitValues) {
  const settings = await getSettings();
  if (!settings.feedbackEnabled) throw notFound();
  await enforceRateLimit(`feedback-submit:user:${actor.id}`, SUBMISSIONS_PER_HOUR, 3600, "You have shared a lot of ideas in the last hour. Please try again later.");
  return db.transaction(async (tx) => {
    await assertCategory(tx, input.categoryId);
    const [row] = await tx
      .insert(feedbackItems)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description,
        categoryId: input.categoryId,
        authorUserId: actor.id,
        visibility: settings.feedbackRequiresApproval ? "pending" : "visible",
        voteCount: 1,
      })
      .$returningId();
    await tx.insert(feedbackVotes).values({ itemId: row!.id, userId: actor.id });
    return { id: row!.id, pending: settings.feedbackRequiresApproval };
  });
}

/** Votes for an item, or takes the vote back. A second vote by the same customer changes nothing. */
export async function setFeedbackVote(actor: UserActor, itemId: number, vote: boolean) {
  await db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    assertOpenToCustomers(item);
    if (vote) await tx.insert(feedbackVotes).ignore().values({ itemId, userId: actor.id });
    else await tx.delete(feedbackVotes).where(and(eq(feedbackVotes.itemId, itemId), eq(feedbackVotes.userId, actor.id)));
    await recount(tx, itemId);
  });
  const [row] = await db.select({ voteCount: feedbackItems.voteCount }).from(feedbackItems).where(eq(feedbackItems.id, itemId));
  return { voteCount: row?.voteCount ?? 0, voted: vote };
}

/** A comment by a customer (on a published item) or by staff (on any item, shown as the team's answer). */
export async function commentOnFeedback(actor: UserActor | StaffActor, itemId: number, body: string) {
  if (actor.type === "user") {
    await enforceRateLimit(`feedback-comment:user:${actor.id}`, COMMENTS_PER_HOUR, 3600, "You have posted many comments in the last hour. Please try again later.");
  }
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    if (actor.type === "user") assertOpenToCustomers(item);
    const [row] = await tx
      .insert(feedbackComments)
      .values({ itemId, body, authorUserId: actor.type === "user" ? actor.id : null, authorStaffId: actor.type === "staff" ? actor.id : null })
      .$returningId();
    await recount(tx, itemId);
    return { id: row!.id };
  });
}

/** Agents remove a comment (spam, abuse). */
export async function deleteFeedbackComment(actor: StaffActor, commentId: number) {
  assertCan(actor, "tickets.work");
  await db.transaction(async (tx) => {
    const [comment] = await tx.select({ itemId: feedbackComments.itemId }).from(feedbackComments).where(eq(feedbackComments.id, commentId));
    if (!comment) throw new AppError("not_found", "Comment not found.");
    await lockItem(tx, comment.itemId);
    await tx.delete(feedbackComments).where(eq(feedbackComments.id, commentId));
    await recount(tx, comment.itemId);
  });
}

/** Approve (publish) or hide an item. Hidden items disappear from the portal, for their author too. */
export async function moderateFeedback(actor: StaffActor, itemId: number, visibility: "visible" | "hidden") {
  assertCan(actor, "tickets.work");
  await db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    if (item.visibility === visibility) return;
    await tx.update(feedbackItems).set({ visibility }).where(eq(feedbackItems.id, itemId));
    await recordAudit(actor, visibility === "visible" ? "feedback.approve" : "feedback.hide", { type: "feedback", id: itemId }, { from: item.visibility }, null, tx);
  });
}

/**
 * Sets the status and its public note. When the status changes on a published item, its author and
 * voters (minus those who opted out) get an email, queued in this same transaction.
 */
export async function setFeedbackStatus(actor: StaffActor, itemId: number, status: FeedbackStatus, note: string) {
  assertCan(actor, "tickets.work");
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, itemId);
    if (item.mergedIntoId) throw new AppError("conflict", "This item was merged into another: change the status there.");
    const changed = item.status !== status;
    await tx
      .update(feedbackItems)
      .set({ status, statusNote: note || null, ...(changed ? { statusChangedAt: new Date() } : {}) })
      .where(eq(feedbackItems.id, itemId));
    let mailed = 0;
    if (changed && item.visibility === "visible") {
      mailed = await enqueueFeedbackStatusMail(tx, { itemId, title: item.title, status, note });
    }
    await recordAudit(actor, "feedback.status", { type: "feedback", id: itemId }, { from: item.status, to: status }, null, tx);
    return { changed, mailed };
  });
}

/**
 * Merges a duplicate into the item that stays. Votes move to the survivor (a customer who voted for
 * both counts once), and so do the duplicate's author (as a vote), its comments and anything merged into
 * it earlier. The duplicate stays as a pointer: its page redirects to the survivor.
 */
export async function mergeFeedback(actor: StaffActor, duplicateId: number, survivorId: number) {
  assertCan(actor, "tickets.work");
  if (duplicateId === survivorId) throw new AppError("invalid", "An item cannot be merged into itself.", { intoId: "Choose another item." });
  await db.transaction(async (tx) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = duplicateId < survivorId ? [duplicateId, survivorId] : [survivorId, duplicateId];
    const a = await lockItem(tx, first);
    const b = await lockItem(tx, second);
    const duplicate = a.id === duplicateId ? a : b;
    const survivor = a.id === survivorId ? a : b;
    if (duplicate.mergedIntoId) throw new AppError("conflict", `This item is already merged into #${duplicate.mergedIntoId}.`);
    if (survivor.mergedIntoId) {
      throw new AppError("invalid", `#${survivor.id} was itself merged into #${survivor.mergedIntoId}: merge into that one.`, { intoId: `Use #${survivor.mergedIntoId}.` });
    }
    await tx.execute(sql`
      INSERT IGNORE INTO ${feedbackVotes} (${sql.identifier("item_id")}, ${sql.identifier("user_id")}, ${sql.identifier("created_at")})
      SELECT ${survivorId}, ${feedbackVotes.userId}, ${feedbackVotes.createdAt} FROM ${feedbackVotes} WHERE ${feedbackVotes.itemId} = ${duplicateId}`);
    if (duplicate.authorUserId) await tx.insert(feedbackVotes).ignore().values({ itemId: survivorId, userId: duplicate.authorUserId });
    await tx.delete(feedbackVotes).where(eq(feedbackVotes.itemId, duplicateId));
    await tx.update(feedbackComments).set({ itemId: survivorId }).where(eq(feedbackComments.itemId, duplicateId));
    await tx.update(feedbackItems).set({ mergedIntoId: survivorId }).where(and(eq(feedbackItems.mergedIntoId, duplicateId), ne(feedbackItems.id, survivorId)));
    await tx.update(feedbackItems).set({ mergedIntoId: survivorId }).where(eq(feedbackItems.id, duplicateId));
    await recount(tx, duplicateId);
    await recount(tx, survivorId);
    await recordAudit(actor, "feedback.merge", { type: "feedback", id: duplicateId }, { into: survivorId }, null, tx);
  });
}

/** Opens a ticket for the item's author from the item (the agent picks the department) and links it. */
export async function convertFeedbackToTicket(actor: StaffActor, itemId: number, departmentId: number) {
  assertCan(actor, "tickets.work");
  const [item] = await db.select().from(feedbackItems).where(eq(feedbackItems.id, itemId));
  if (!item) throw notFound();
  if (!item.authorUserId) throw new AppError("conflict", "The author's account no longer exists: open a ticket by hand and link it.");
  if (item.ticketId) throw new AppError("conflict", `This item is already linked to ticket #${item.ticketId}.`);
  const ticket = await createTicket({
    requester: { userId: item.authorUserId },
    departmentId,
    subject: item.title,
    message: `${item.description}\n\n(From feedback #${item.id}.)`,
    source: "staff",
    openedBy: { type: "staff", actor },
  });
  // The ticket exists now; linking it is a separate, idempotent step (createTicket owns its transaction).
  await db.update(feedbackItems).set({ ticketId: ticket.id }).where(and(eq(feedbackItems.id, itemId), isNull(feedbackItems.ticketId)));
  await recordAudit(actor, "feedback.convert", { type: "feedback", id: itemId }, { ticketId: ticket.id });
  return ticket;
}

/** Links an existing ticket the agent may work on (or, with null, unlinks). */
export async function linkFeedbackTicket(actor: StaffActor, itemId: number, ticketId: number | null) {
  assertCan(actor, "tickets.work");
  if (ticketId != null) {
    try {
      await getTicketForStaff(actor, ticketId);
    } catch {
      throw new AppError("invalid", `Ticket #${ticketId} was not found in your departments.`, { ticketId: "No such ticket in your departments." });
    }
  }
  const [item] = await db.select({ id: feedbackItems.id }).from(feedbackItems).where(eq(feedbackItems.id, itemId));
  if (!item) throw notFound();
  await db.update(feedbackItems).set({ ticketId }).where(eq(feedbackItems.id, itemId));
  await recordAudit(actor, ticketId ? "feedback.link_ticket" : "feedback.unlink_ticket", { type: "feedback", id: itemId }, { ticketId });
}

/** Customers opt out of (or back into) status emails; the unsubscribe link and the profile toggle land here. */
export async function setStatusMailOptOut(userId: number, optedOut: boolean) {
  if (optedOut) await db.insert(feedbackEmailOptOuts).ignore().values({ userId });
  else await db.delete(feedbackEmailOptOuts).where(eq(feedbackEmailOptOuts.userId, userId));
}

// Categories: agents and admins keep the list customers choose from.

export async function saveFeedbackCategory(actor: StaffActor, id: number | null, values: FeedbackCategoryFormValues) {
  assertCan(actor, "tickets.work");
  const [clash] = await db
    .select({ id: feedbackCategories.id })
    .from(feedbackCategories)
    .where(and(eq(feedbackCategories.name, values.name), id ? ne(feedbackCategories.id, id) : undefined));
  if (clash) throw new AppError("invalid", "A category with this name exists.", { name: "A category with this name exists." });
  if (id == null) {
    const [last] = await db.select({ max: sql<number>`COALESCE(MAX(${feedbackCategories.sortOrder}), 0)`.mapWith(Number) }).from(feedbackCategories);
    const [row] = await db.insert(feedbackCategories).values({ ...values, sortOrder: (last?.max ?? 0) + 1 }).$returningId();
    await recordAudit(actor, "feedback.category_create", { type: "feedback_category", id: row!.id }, { name: values.name });
    return { id: row!.id };
  }
  const [existing] = await db.select({ id: feedbackCategories.id }).from(feedbackCategories).where(eq(feedbackCategories.id, id));
  if (!existing) throw new AppError("not_found", "Category not found.");
  await db.update(feedbackCategories).set(values).where(eq(feedbackCategories.id, id));
  await recordAudit(actor, "feedback.category_update", { type: "feedback_category", id }, { name: values.name });
  return { id };
}

/** Deleting a category keeps its items, uncategorised. */
export async function deleteFeedbackCategory(actor: StaffActor, id: number) {
  assertCan(actor, "tickets.work");
  await db.delete(feedbackCategories).where(eq(feedbackCategories.id, id));
  await recordAudit(actor, "feedback.category_delete", { type: "feedback_category", id });
}

export async function getFeedbackCategory(id: number) {
  const [row] = await db.select().from(feedbackCategories).where(eq(feedbackCategories.id, id));
  if (!row) throw new AppError("not_found", "Category not found.");
  return row;
}

/** Category ids in list order (for the move buttons). */
export async function moveFeedbackCategory(actor: StaffActor, id: number, to: "up" | "down") {
  assertCan(actor, "tickets.work");
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: feedbackCategories.id }).from(feedbackCategories).orderBy(asc(feedbackCategories.sortOrder), asc(feedbackCategories.name)).for("update");
    const at = rows.findIndex((r) => r.id === id);
    const other = at + (to === "up" ? -1 : 1);
    if (at < 0 || other < 0 || other >= rows.length) return;
    [rows[at], rows[other]] = [rows[other]!, rows[at]!];
    for (const [index, row] of rows.entries()) {
      await tx.update(feedbackCategories).set({ sortOrder: index + 1 }).where(inArray(feedbackCategories.id, [row.id]));
    }
  });
}
