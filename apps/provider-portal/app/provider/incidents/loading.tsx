import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

/** While incidents load: the health panels and a table of the right shape. */
export default function IncidentsLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading Support & Incidents…</span>
      <Skeleton className="mb-2 h-7 w-56" />
      <Skeleton className="mb-6 h-4 w-96" />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-56" />
        <Skeleton className="h-56" />
      </div>
      <SkeletonTable rows={8} columns={7} />
    </div>
  );
}
