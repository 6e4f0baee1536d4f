import { suggestArticles } from "@/lib/kb/queries";
import { articlePath } from "@/lib/kb/text";
import { kbSuggestSchema } from "@/lib/validation/kb";

/** Public articles matching what a customer types (the new-ticket form asks as the subject changes). */
export async function GET(request: Request) {
  const parsed = kbSuggestSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return Response.json({ articles: [] });
  // Suggestions on the portal are what a customer may read, even when staff are signed in.
  const hits = await suggestArticles({ staff: false }, parsed.data.q, 5);
  return Response.json(
    { articles: hits.map((hit) => ({ id: hit.id, title: hit.title, url: articlePath(hit), excerpt: hit.excerpt })) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
