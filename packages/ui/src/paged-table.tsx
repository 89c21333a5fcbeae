import { type Column, DataTable, type TableSort } from "./data-table";
import { ListEmptyState, type ListEmptyStateProps } from "./empty-state";
import { Pagination, StaleCursorNote } from "./pagination";
import type { UrlParams } from "./url";

export type PagedTableProps<Row> = {
  caption: string;
  columns: readonly Column<Row>[];
  /** A row's key; its `id` by default. */
  rowKey?: (row: Row) => string;
  /**
   * What `loadFirstPageIfStale` returned: one page of the list (`{ data, nextCursor }`) and whether
   * the URL's cursor was stale; or a list without pages (`{ result: { data } }`).
   */
  loaded: { result: { data: readonly Row[]; nextCursor?: string | null }; staleCursor?: boolean };
  sort?: TableSort;
  /** The list's path and URL params: pagination links keep the filters; "Clear filters" goes to `pathname`. */
  pathname: string;
  params: UrlParams;
  /** The empty state's wording (filtered vs truly empty); `clearHref` defaults to `pathname`. */
  empty: Omit<ListEmptyStateProps, "clearHref"> & { clearHref?: string };
};

/**
 * A list page's table: the stale-link note, the rows or the empty state that says what to do next,
 * and cursor pagination, the same on every page.
 */
export function PagedTable<Row>({
  caption,
  columns,
  rowKey = (row) => (row as { id: string }).id,
  loaded: { result: page, staleCursor = false },
  sort,
  pathname,
  params,
  empty,
}: PagedTableProps<Row>) {
  return (
    <>
      <StaleCursorNote staleCursor={staleCursor} />
      <DataTable
        caption={caption}
        columns={columns}
        rows={page.data}
        rowKey={rowKey}
        sort={sort}
        empty={<ListEmptyState clearHref={pathname} {...empty} />}
      />
      <Pagination
        pathname={pathname}
        params={params}
        nextCursor={page.nextCursor ?? null}
        shown={page.data.length}
        staleCursor={staleCursor}
      />
    </>
  );
}
