"use client";

import { useEffect, useState } from "react";

type Suggestion = { id: number; title: string; url: string; excerpt: string };

/**
 * Public articles matching what a customer types in a field (the new ticket's subject), fetched a moment
 * after they stop typing. It listens to the field by id, so the form that owns the field stays unchanged.
 */
export function ArticleSuggestions({ inputId }: { inputId: string }) {
  const [articles, setArticles] = useState<Suggestion[]>([]);
  useEffect(() => {
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    if (!input) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request: AbortController | undefined;
    const lookUp = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        request?.abort();
        if (q.length < 3) return setArticles([]);
        request = new AbortController();
        try {
          const response = await fetch(`/kb/suggest?q=${encodeURIComponent(q)}`, { signal: request.signal });
          if (response.ok) setArticles(((await response.json()) as { articles: Suggestion[] }).articles);
        } catch {
          // Aborted by newer typing, or offline: suggestions are a help, never an obstacle.
        }
      }, 350);
    };
    input.addEventListener("input", lookUp);
    return () => {
      clearTimeout(timer);
      request?.abort();
      input.removeEventListener("input", lookUp);
    };
  }, [inputId]);

  return (
    <div aria-live="polite" className="empty:hidden">
      {articles.length > 0 && (
        <div className="rounded-md bg-sky-50 px-4 py-3 text-sm ring-1 ring-sky-200">
          <p className="font-medium text-sky-900">These articles may answer your question:</p>
          <ul aria-label="Suggested articles" className="mt-1.5 space-y-1">
            {articles.map((a) => (
              <li key={a.id}>
                {/* A new tab keeps what the customer already typed in the form. */}
                <a href={a.url} target="_blank" rel="noopener" className="text-brand-700 underline">
                  {a.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
