import Link from "next/link";
import { withParams } from "@/lib/url";

export function Pagination({
  path,
  params,
  page,
  pageCount,
  total,
  noun = ["ticket", "tickets"],
}: {
  path: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pageCount: number;
  total: number;
  /** What the rows are, singular and plural. */
  noun?: [string, string];
}) {
  const link = "rounded-md px-3 py-1.5 ring-1 ring-slate-300 bg-white hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span>
        {total} {total === 1 ? noun[0] : noun[1]} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={withParams(path, params, { page: page - 1 })} rel="prev">
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link className={link} href={withParams(path, params, { page: page + 1 })} rel="next">
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
