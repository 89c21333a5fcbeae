import { ChevronRight, ChevronsLeft } from "lucide-react";
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
};

/** Cursor pagination: "Next page" follows the cursor, "First page" drops it; filters and sort stay. */
export function Pagination({ pathname, params, nextCursor, cursorParam = "cursor", shown }: PaginationProps) {
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
