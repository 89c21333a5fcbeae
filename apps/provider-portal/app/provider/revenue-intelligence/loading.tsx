import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

/** While the ledger is read: the KPI grid, the chart and the waterfall's shape. */
export default function RevenueIntelligenceLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading Revenue Intelligence…</span>
      <Skeleton className="mb-2 h-7 w-56" />
      <Skeleton className="mb-6 h-4 w-96" />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: 12 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={index} className="h-32" />
        ))}
      </div>
      <Skeleton className="mb-6 h-72" />
      <SkeletonTable rows={12} columns={9} />
    </div>
  );
}
