import { getStaff } from "@/lib/auth/session";
import { suggestArticles } from "@/lib/kb/queries";
import { articlePath } from "@/lib/kb/text";
import { baseUrl } from "@/lib/mail/notifications";
import { kbSuggestSchema } from "@/lib/validation/kb";

/**
 * Published public articles for the "insert article link" picker of the reply form: the link goes to
 * a customer, so only what a customer can open is offered.
 */
export async function GET(request: Request) {
  if (!(await getStaff())) return new Response("Not found", { status: 404 });
  const parsed = kbSuggestSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return Response.json({ articles: [] });
  const [hits, base] = await Promise.all([suggestArticles({ staff: false }, parsed.data.q, 8), baseUrl()]);
  // Absolute: the link travels by email.
  return Response.json({ articles: hits.map((hit) => ({ id: hit.id, title: hit.title, url: `${base}${articlePath(hit)}` })) }, { headers: { "Cache-Control": "no-store" } });
}
