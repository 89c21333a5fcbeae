import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

/** While the queues load: the KPI row and a table of the right shape. */
export default function ActionCenterLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading the Action Center…</span>
      <Skeleton className="mb-2 h-7 w-48" />
      <Skeleton className="mb-6 h-4 w-96" />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        {Array.from({ length: 7 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={index} className="h-24" />
        ))}
      </div>
      <SkeletonTable rows={8} columns={7} />
    </div>
  );
}
