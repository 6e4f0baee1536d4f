import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { kbArticles, kbVotes } from "@/db/schema";
import { getArticleForViewer, type KbViewer } from "./queries";

/**
 * Records "was this helpful?" for one voter (a person's id or a browser cookie): voting again changes
 * the answer instead of adding one. Counts are recomputed from the votes so they never drift.
 */
export async function voteOnArticle(viewer: KbViewer, voter: string, articleId: number, helpful: boolean) {
  await getArticleForViewer(viewer, articleId);
  await db.transaction(async (tx) => {
    await tx.insert(kbVotes).values({ articleId, voter, helpful }).onDuplicateKeyUpdate({ set: { helpful } });
    await tx
      .update(kbArticles)
      .set({
        helpfulYes: sql`(SELECT COUNT(*) FROM ${kbVotes} WHERE ${kbVotes.articleId} = ${articleId} AND ${kbVotes.helpful} = 1)`,
        helpfulNo: sql`(SELECT COUNT(*) FROM ${kbVotes} WHERE ${kbVotes.articleId} = ${articleId} AND ${kbVotes.helpful} = 0)`,
      })
      .where(eq(kbArticles.id, articleId));
  });
}

/** The voter's earlier answer on an article, if any. */
export async function getVote(voter: string, articleId: number): Promise<boolean | null> {
  const [row] = await db
    .select({ helpful: kbVotes.helpful })
    .from(kbVotes)
    .where(and(eq(kbVotes.articleId, articleId), eq(kbVotes.voter, voter)));
  return row ? row.helpful : null;
}
