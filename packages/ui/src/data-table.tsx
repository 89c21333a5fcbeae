import clsx from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { hrefWith, type UrlParams } from "./url";

export type SortDirection = "asc" | "desc";

export type Column<Row> = {
  /** Stable key for React. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The URL `sort` value for this column; the header becomes a sort link when set. */
  sortKey?: string;
  /** Direction the first click sorts by (dates and money read best newest/largest first). */
  firstDirection?: SortDirection;
  align?: "left" | "right";
  className?: string;
};

export type TableSort = {
  /** The page's path, e.g. "/provider/clients". */
  pathname: string;
  /** The current search params: sort links keep filters and drop the cursor. */
  params: UrlParams;
  by: string;
  direction: SortDirection;
  /** Param names, when a page uses others. */
  sortParam?: string;
  directionParam?: string;
  cursorParam?: string;
};

export type DataTableProps<Row> = {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Rendered instead of the table when there are no rows (use the EmptyState component). */
  empty: ReactNode;
  sort?: TableSort;
  caption?: string;
  /** A checkbox column (client components only: it takes a callback). */
  selection?: RowSelection<Row>;
  /** Extra attributes per row, e.g. keyboard handlers or `data-*` hooks. */
  rowProps?: (row: Row, index: number) => ComponentProps<"tr">;
  /** On a phone, each row becomes a card (first column as its title, the rest as labelled lines). */
  phoneCards?: boolean;
};

export type RowSelection<Row> = {
  /** The selected row keys. */
  selected: ReadonlySet<string>;
  /** The new selection (after a row toggle or "select all on this page"). */
  onChange: (selected: Set<string>) => void;
  /** The row checkbox's accessible name, e.g. `Select ${row.title}`. */
  label: (row: Row) => string;
  disabled?: boolean;
};

/**
 * The one table: a server component, so cells may render links and badges without client JS.
 * Rendered from a client component it can also select rows (`selection`).
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  sort,
  caption,
  selection,
  rowProps,
  phoneCards = false,
}: DataTableProps<Row>) {
  if (rows.length === 0) return <>{empty}</>;
  const keys = rows.map(rowKey);
  const selectedHere = selection ? keys.filter((key) => selection.selected.has(key)).length : 0;
  return (
    <>
      {phoneCards ? <PhoneCards columns={columns} rows={rows} keys={keys} caption={caption} /> : null}
      {/* A table wider than the screen scrolls here: keyboard users reach it with Tab and scroll with arrows. */}
      <section
        aria-label={caption ?? "Table"}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
        tabIndex={0}
        className={clsx(
          "overflow-x-auto rounded-card border border-line bg-surface shadow-card",
          phoneCards && "hidden sm:block",
        )}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className="bg-slate-50">
            <tr>
              {selection ? (
                <th scope="col" className="w-10 px-4 py-2.5">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    className="size-4 accent-brand-600"
                    disabled={selection.disabled}
                    checked={selectedHere === keys.length}
                    ref={(box) => {
                      if (box) box.indeterminate = selectedHere > 0 && selectedHere < keys.length;
                    }}
                    onChange={() => {
                      const next = new Set(selection.selected);
                      for (const key of keys) {
                        if (selectedHere === keys.length) next.delete(key);
                        else next.add(key);
                      }
                      selection.onChange(next);
                    }}
                  />
                </th>
              ) : null}
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={ariaSort(column, sort)}
                  className={clsx(
                    "px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
                    column.align === "right" ? "text-right" : "text-left",
                    column.className,
                  )}
                >
                  {column.sortKey && sort ? <SortLink column={column} sort={sort} /> : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, index) => {
              const key = keys[index] ?? rowKey(row);
              const selected = selection?.selected.has(key) ?? false;
              const extra = rowProps?.(row, index) ?? {};
              return (
                <tr
                  key={key}
                  aria-selected={selection ? selected : undefined}
                  {...extra}
                  className={clsx("hover:bg-slate-50/70", selected && "bg-brand-50/40", extra.className)}
                >
                  {selection ? (
                    <td className="w-10 px-4 py-3">
                      <input
                        type="checkbox"
                        aria-label={selection.label(row)}
                        className="size-4 accent-brand-600"
                        disabled={selection.disabled}
                        checked={selected}
                        onChange={() => {
                          const next = new Set(selection.selected);
                          if (selected) next.delete(key);
                          else next.add(key);
                          selection.onChange(next);
                        }}
                      />
                    </td>
                  ) : null}
                  {columns.map((column) => (
                    <td
                      key={column.key}
                      className={clsx(
                        "px-4 py-3 align-middle text-slate-700",
                        column.align === "right" ? "text-right tabular-nums" : "text-left",
                        column.className,
                      )}
                    >
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The rows as a list of cards: what a phone shows instead of a table too wide for it. */
function PhoneCards<Row>({
  columns,
  rows,
  keys,
  caption,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  keys: string[];
  caption?: string;
}) {
  const [title, ...rest] = columns;
  return (
    <ul aria-label={caption} className="space-y-3 sm:hidden">
      {rows.map((row, index) => (
        <li key={keys[index]} className="rounded-card border border-line bg-surface p-4 text-sm shadow-card">
          {title ? <div className="mb-2 font-medium text-slate-900">{title.cell(row)}</div> : null}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
            {rest.map((column) => (
              <div key={column.key} className="contents">
                <dt className="text-xs font-medium text-slate-600">{column.header}</dt>
                <dd className="min-w-0 text-slate-800">{column.cell(row)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

function ariaSort<Row>(column: Column<Row>, sort: TableSort | undefined) {
  if (!sort || !column.sortKey || column.sortKey !== sort.by) return undefined;
  return sort.direction === "asc" ? "ascending" : "descending";
}

function SortLink<Row>({ column, sort }: { column: Column<Row>; sort: TableSort }) {
  const active = column.sortKey === sort.by;
  const direction: SortDirection = active
    ? sort.direction === "asc"
      ? "desc"
      : "asc"
    : (column.firstDirection ?? "asc");
  const href = hrefWith(sort.pathname, sort.params, {
    [sort.sortParam ?? "sort"]: column.sortKey,
    [sort.directionParam ?? "direction"]: direction,
    // A new order starts from the first page.
    [sort.cursorParam ?? "cursor"]: null,
  });
  const Icon = !active ? ArrowUpDown : sort.direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <Link
      href={href}
      className={clsx(
        "group inline-flex items-center gap-1 uppercase hover:text-slate-900",
        active && "text-slate-900",
        column.align === "right" && "flex-row-reverse",
      )}
    >
      {column.header}
      <Icon
        aria-hidden
        className={clsx("size-3.5", active ? "text-brand-600" : "text-slate-400 group-hover:text-slate-600")}
      />
    </Link>
  );
}
