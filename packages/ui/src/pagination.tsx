import { ChevronRight, ChevronsLeft, Info } from "lucide-react";
import { ButtonLink } from "./button";
import { hrefWith, type UrlParams } from "./url";

export type PaginationProps = {
  pathname: string;
  params: UrlParams;
  /** The list's `nextCursor`; null on the last page. */
  nextCursor: string | null;
  cursorParam?: string;
  /** Rows on this page, for the summary line. */
  shown?: number;
  /** The URL's cursor could not be read and the first page is shown (see `loadFirstPageIfStale`). */
  staleCursor?: boolean;
};

/** Cursor pagination: "Next page" follows the cursor, "First page" drops it; filters and sort stay. */
export function Pagination({
  pathname,
  params: urlParams,
  nextCursor,
  cursorParam = "cursor",
  shown,
  staleCursor = false,
}: PaginationProps) {
  // The stale cursor in the URL was replaced by the first page: links must not carry it on.
  const params = staleCursor ? { ...urlParams, [cursorParam]: undefined } : urlParams;
  const onFirstPage = !params[cursorParam];
  if (onFirstPage && !nextCursor) {
    return shown ? <p className="mt-3 text-xs text-slate-500">{countLabel(shown)}</p> : null;
  }
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3">
      <p className="text-xs text-slate-500">{shown !== undefined ? countLabel(shown) : null}</p>
      <div className="flex items-center gap-2">
        {onFirstPage ? null : (
          <ButtonLink href={hrefWith(pathname, params, { [cursorParam]: null })} size="sm">
            <ChevronsLeft className="size-4" aria-hidden />
            First page
          </ButtonLink>
        )}
        {nextCursor ? (
          <ButtonLink href={hrefWith(pathname, params, { [cursorParam]: nextCursor })} size="sm">
            Next page
            <ChevronRight className="size-4" aria-hidden />
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}

function countLabel(shown: number) {
  return `Showing ${shown} ${shown === 1 ? "row" : "rows"}`;
}

/** Above a list whose page link had expired: says why the user is back on the first page. */
export function StaleCursorNote({ staleCursor }: { staleCursor: boolean }) {
  if (!staleCursor) return null;
  return (
    <p role="status" className="mb-3 flex items-center gap-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600">
      <Info className="size-4 shrink-0 text-slate-500" aria-hidden />
      That page link no longer works (the list changed since it was made), so this is the first page.
    </p>
  );
}
