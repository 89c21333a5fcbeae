import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

/** Filters, KPIs, the trend chart and the two tables, while the queries run. */
export default function ApiUsageLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy className="space-y-6">
      <span className="sr-only">Loading API usage…</span>
      <div className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Skeleton className="h-16 rounded-card" />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Skeleton className="h-24 rounded-card" />
        <Skeleton className="h-24 rounded-card" />
        <Skeleton className="h-24 rounded-card" />
        <Skeleton className="h-24 rounded-card" />
      </div>
      <Skeleton className="h-72 rounded-card" />
      <SkeletonTable rows={6} columns={8} />
      <SkeletonTable rows={6} columns={6} />
    </div>
  );
}
