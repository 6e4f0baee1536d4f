import Link from "next/link";
import { articlePath } from "@/lib/kb/text";

/** A short list of article links (popular, latest, related). */
export function ArticleLinks({ articles, empty }: { articles: { id: number; slug: string; title: string }[]; empty: string }) {
  if (articles.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="space-y-2 text-sm">
      {articles.map((a) => (
        <li key={a.id}>
          <Link href={articlePath(a)} className="text-brand-700 hover:underline">
            {a.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
