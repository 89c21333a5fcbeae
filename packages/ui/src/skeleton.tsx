import clsx from "clsx";

/** Stable keys for placeholder rows and cells (they never reorder). */
function keys(prefix: string, length: number): string[] {
  return Array.from({ length }, (_, position) => `${prefix}${position}`);
}

/** A grey placeholder block while content loads. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={clsx("animate-pulse rounded-md bg-slate-200/70", className)} />;
}

export function SkeletonTable({ rows = 8, columns = 5 }: { rows?: number; columns?: number }) {
  return (
    <div className="overflow-hidden rounded-card border border-line bg-surface shadow-card">
      <div className="flex gap-4 border-b border-line bg-slate-50 px-4 py-3">
        {keys("h", columns).map((key) => (
          <Skeleton key={key} className="h-3 flex-1" />
        ))}
      </div>
      {keys("r", rows).map((row) => (
        <div key={row} className="flex gap-4 border-b border-slate-100 px-4 py-3.5 last:border-0">
          {keys("c", columns).map((key, column) => (
            <Skeleton key={key} className={clsx("h-3.5 flex-1", column === 0 && "flex-[2]")} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A whole page loading: header, a KPI row and a table. */
export function SkeletonPage() {
  return (
    <div role="status" aria-live="polite" aria-busy className="space-y-6">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2">
        <Skeleton className="h-6 w-56" />
        <Skeleton className="h-4 w-80" />
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {keys("k", 4).map((key) => (
          <Skeleton key={key} className="h-24 rounded-card" />
        ))}
      </div>
      <SkeletonTable />
    </div>
  );
}
