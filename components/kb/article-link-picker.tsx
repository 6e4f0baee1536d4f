"use client";

import { useEffect, useRef, useState } from "react";

type Found = { id: number; title: string; url: string };

/**
 * "Insert article link" for a reply: search published public articles and put "Title: URL" at the cursor
 * of the textarea with id `targetId` (the reply box), so the customer gets a link they can open.
 */
export function ArticleLinkPicker({ targetId }: { targetId: string }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Found[] | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 3) return;
    const request = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/agent/kb/links?q=${encodeURIComponent(q)}`, { signal: request.signal });
        if (response.ok) setFound(((await response.json()) as { articles: Found[] }).articles);
      } catch {
        // Aborted by newer typing.
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      request.abort();
    };
  }, [query]);

  const insert = (article: Found) => {
    const box = document.getElementById(targetId) as HTMLTextAreaElement | null;
    if (box) {
      const text = `${article.title}: ${article.url}`;
      const at = box.selectionStart ?? box.value.length;
      const end = box.selectionEnd ?? at;
      const before = box.value.slice(0, at);
      const spacer = before && !/\s$/.test(before) ? " " : "";
      box.value = before + spacer + text + box.value.slice(end);
      box.focus();
      box.setSelectionRange(at + spacer.length + text.length, at + spacer.length + text.length);
    }
    setOpen(false);
    setQuery("");
    setFound(null);
  };

  return (
    <div className="relative text-sm">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md px-2.5 py-1.5 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Insert article link
      </button>
      {open && (
        <div className="absolute left-0 z-10 mt-1 w-80 max-w-[calc(100vw-2rem)] sm:right-0 sm:left-auto rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
          <label htmlFor={`${targetId}-kb-search`} className="mb-1 block text-xs font-medium text-slate-600">
            Search the knowledge base
          </label>
          <input
            ref={searchRef}
            id={`${targetId}-kb-search`}
            type="search"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              if (event.target.value.trim().length < 3) setFound(null);
            }}
            onKeyDown={(event) => {
              // Enter must not submit the reply.
              if (event.key === "Enter") event.preventDefault();
              if (event.key === "Escape") setOpen(false);
            }}
            placeholder="At least 3 letters"
            className="block w-full rounded-md border-0 px-2.5 py-1.5 ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
          />
          {found && (
            <ul aria-label="Articles to link" className="mt-2 max-h-60 space-y-1 overflow-y-auto">
              {found.length === 0 && <li className="text-slate-500">No published public article matches.</li>}
              {found.map((a) => (
                <li key={a.id}>
                  <button type="button" onClick={() => insert(a)} className="w-full rounded px-2 py-1 text-left text-brand-700 hover:bg-slate-100">
                    {a.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
