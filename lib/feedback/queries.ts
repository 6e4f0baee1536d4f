import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { feedbackCategories, feedbackComments, feedbackEmailOptOuts, feedbackItems, feedbackVotes, staff, tickets, users } from "@/db/schema";
import type { Actor } from "../auth/actors";
import { AppError } from "../errors";
import { excerptAround, searchTerms } from "../kb/text";
import type { Settings } from "../settings";
import type { FeedbackAgentListParams, FeedbackListParams } from "../validation/feedback";

/**
 * Who is reading feedback. Staff see everything; customers and guests see published items, and a
 * customer also sees their own items while they await approval. Hidden items are for staff only.
 */
export type FeedbackViewer = { staff: boolean; userId: number | null };
export const feedbackViewerOf = (actor: Actor | null): FeedbackViewer => ({
  staff: actor?.type === "staff",
  userId: actor?.type === "user" ? actor.id : null,
});

/** Whether the portal's feedback pages open for this visitor: 404 when off, sign in when guests may not read. */
export function portalFeedbackAccess(actor: Actor | null, settings: Pick<Settings, "feedbackEnabled" | "feedbackGuestsCanRead">) {
  if (!settings.feedbackEnabled) return "off" as const;
  if (!actor && !settings.feedbackGuestsCanRead) return "sign-in" as const;
  return "ok" as const;
}

/** The WHERE limiting items to what the viewer may read (merged duplicates included: they redirect). */
export function itemScope(viewer: FeedbackViewer): SQL | undefined {
  if (viewer.staff) return undefined;
  const published = eq(feedbackItems.visibility, "visible");
  return viewer.userId ? or(published, and(eq(feedbackItems.visibility, "pending"), eq(feedbackItems.authorUserId, viewer.userId))) : published;
}

export async function listFeedbackCategories() {
  return db.select().from(feedbackCategories).orderBy(asc(feedbackCategories.sortOrder), asc(feedbackCategories.name));
}

const listColumns = {
  id: feedbackItems.id,
  kind: feedbackItems.kind,
  title: feedbackItems.title,
  status: feedbackItems.status,
  visibility: feedbackItems.visibility,
  voteCount: feedbackItems.voteCount,
  commentCount: feedbackItems.commentCount,
  mergedIntoId: feedbackItems.mergedIntoId,
  ticketId: feedbackItems.ticketId,
  categoryId: feedbackItems.categoryId,
  categoryName: feedbackCategories.name,
  authorName: users.fullname,
  createdAt: feedbackItems.createdAt,
  updatedAt: feedbackItems.updatedAt,
  // Enough of the description for an excerpt around the first match.
  text: sql<string>`LEFT(${feedbackItems.description}, 4000)`,
};

export type FeedbackListItem = Omit<Awaited<ReturnType<typeof selectList>>[number], "text"> & { excerpt: string };

function selectList() {
  return db
    .select(listColumns)
    .from(feedbackItems)
    .leftJoin(feedbackCategories, eq(feedbackCategories.id, feedbackItems.categoryId))
    .leftJoin(users, eq(users.id, feedbackItems.authorUserId));
}

type ListOptions = { perPage: number; excerptLength?: number; pendingFirst?: boolean; visibility?: FeedbackAgentListParams["visibility"] };

/**
 * One page of feedback: full-text search (best match first) or browsing newest / most voted / recently
 * updated, filtered by status and category. Asks for one row more than a page to know if another follows.
 */
export async function listFeedback(viewer: FeedbackViewer, params: FeedbackListParams, options: ListOptions) {
  const terms = searchTerms(params.q);
  const match = terms.length ? sql`MATCH(${feedbackItems.title}, ${feedbackItems.description}) AGAINST (${terms.join(" ")} IN NATURAL LANGUAGE MODE)` : null;
  const visibility = options.visibility ?? "";
  const where = and(
    itemScope(viewer),
    visibility === "merged" ? isNotNull(feedbackItems.mergedIntoId) : isNull(feedbackItems.mergedIntoId),
    visibility && visibility !== "merged" ? eq(feedbackItems.visibility, visibility) : undefined,
    params.status ? eq(feedbackItems.status, params.status) : undefined,
    params.category ? eq(feedbackItems.categoryId, Number(params.category)) : undefined,
    match ?? undefined,
  );
  const sort = params.sort || (match ? "relevance" : "new");
  const order: SQL[] = [];
  if (options.pendingFirst) order.push(sql`${feedbackItems.visibility} = 'pending' DESC`);
  if (sort === "relevance" && match) order.push(sql`${match} DESC`);
  if (sort === "top") order.push(desc(feedbackItems.voteCount));
  if (sort === "updated") order.push(desc(feedbackItems.updatedAt));
  order.push(desc(feedbackItems.id));
  const rows = await selectList()
    .where(where)
    .orderBy(...order)
    .limit(options.perPage + 1)
    .offset((params.page - 1) * options.perPage);
  return {
    items: rows.slice(0, options.perPage).map(({ text, ...row }) => ({ ...row, excerpt: excerptAround(text, terms, options.excerptLength ?? 220) })),
    hasMore: rows.length > options.perPage,
    terms,
  };
}

/** Items waiting for approval (the agent nav's count). */
export async function countPendingFeedback() {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(feedbackItems)
    .where(and(eq(feedbackItems.visibility, "pending"), isNull(feedbackItems.mergedIntoId)));
  return row?.count ?? 0;
}

/** One item as the viewer may read it, or not_found. */
export async function getFeedbackItem(viewer: FeedbackViewer, itemId: number) {
  const [item] = await db
    .select({
      id: feedbackItems.id,
      kind: feedbackItems.kind,
      title: feedbackItems.title,
      description: feedbackItems.description,
      status: feedbackItems.status,
      visibility: feedbackItems.visibility,
      statusNote: feedbackItems.statusNote,
      statusChangedAt: feedbackItems.statusChangedAt,
      mergedIntoId: feedbackItems.mergedIntoId,
      voteCount: feedbackItems.voteCount,
      commentCount: feedbackItems.commentCount,
      ticketId: feedbackItems.ticketId,
      ticketSubject: tickets.subject,
      categoryId: feedbackItems.categoryId,
      categoryName: feedbackCategories.name,
      authorUserId: feedbackItems.authorUserId,
      authorName: users.fullname,
      authorEmail: users.email,
      createdAt: feedbackItems.createdAt,
      updatedAt: feedbackItems.updatedAt,
    })
    .from(feedbackItems)
    .leftJoin(feedbackCategories, eq(feedbackCategories.id, feedbackItems.categoryId))
    .leftJoin(users, eq(users.id, feedbackItems.authorUserId))
    .leftJoin(tickets, eq(tickets.id, feedbackItems.ticketId))
    .where(and(eq(feedbackItems.id, itemId), itemScope(viewer)));
  if (!item) throw new AppError("not_found", "Feedback not found.");
  // Customers learn neither the author's email nor the linked ticket (it belongs to the author).
  if (!viewer.staff) return { ...item, authorEmail: null, ticketId: null, ticketSubject: null };
  return item;
}

/** The item's comments, oldest first, with who wrote them (customer or staff). */
export async function listFeedbackComments(itemId: number) {
  return db
    .select({
      id: feedbackComments.id,
      body: feedbackComments.body,
      createdAt: feedbackComments.createdAt,
      userName: users.fullname,
      staffName: staff.fullname,
      byStaff: sql<boolean>`${feedbackComments.authorStaffId} IS NOT NULL`.mapWith(Boolean),
    })
    .from(feedbackComments)
    .leftJoin(users, eq(users.id, feedbackComments.authorUserId))
    .leftJoin(staff, eq(staff.id, feedbackComments.authorStaffId))
    .where(eq(feedbackComments.itemId, itemId))
    .orderBy(asc(feedbackComments.createdAt), asc(feedbackComments.id));
}

/** Which of these items the customer voted for. */
export async function votedItemIds(userId: number | null, itemIds: number[]): Promise<Set<number>> {
  if (!userId || itemIds.length === 0) return new Set();
  const rows = await db
    .select({ itemId: feedbackVotes.itemId })
    .from(feedbackVotes)
    .where(and(eq(feedbackVotes.userId, userId), inArray(feedbackVotes.itemId, itemIds)));
  return new Set(rows.map((r) => r.itemId));
}

/** The item's voters, newest first (agents see who asked for it). */
export async function listFeedbackVoters(itemId: number, limit = 50) {
  return db
    .select({ id: users.id, name: users.fullname, email: users.email, votedAt: feedbackVotes.createdAt })
    .from(feedbackVotes)
    .innerJoin(users, eq(users.id, feedbackVotes.userId))
    .where(eq(feedbackVotes.itemId, itemId))
    .orderBy(desc(feedbackVotes.createdAt))
    .limit(limit);
}

/** Items merged into this one. */
export async function listMergedDuplicates(itemId: number) {
  return db
    .select({ id: feedbackItems.id, title: feedbackItems.title })
    .from(feedbackItems)
    .where(eq(feedbackItems.mergedIntoId, itemId))
    .orderBy(asc(feedbackItems.id));
}

export async function hasOptedOutOfStatusMail(userId: number) {
  const [row] = await db.select({ userId: feedbackEmailOptOuts.userId }).from(feedbackEmailOptOuts).where(eq(feedbackEmailOptOuts.userId, userId));
  return Boolean(row);
}
