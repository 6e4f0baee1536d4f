/** A plain GET form: search works without JavaScript and the query stays in the address. */
export function KbSearchForm({ query = "", large = false }: { query?: string; large?: boolean }) {
  return (
    <form action="/kb/search" method="get" role="search" className="flex gap-2">
      <label htmlFor="kb-q" className="sr-only">
        Search the help center
      </label>
      <input
        id="kb-q"
        name="q"
        type="search"
        defaultValue={query}
        maxLength={200}
        placeholder="Search articles, e.g. reset password"
        className={`block w-full min-w-0 rounded-md border-0 bg-white px-3 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none ${large ? "py-3 text-base" : "py-2 text-sm"}`}
      />
      <button
        type="submit"
        className={`shrink-0 rounded-md bg-brand-600 font-medium text-white shadow-sm hover:bg-brand-700 ${large ? "px-5 text-base" : "px-3.5 text-sm"}`}
      >
        Search
      </button>
    </form>
  );
}
