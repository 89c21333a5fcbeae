import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

/** While the subscription loads: the two cards and the history table. */
export default function ClientBillingLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading the client's billing…</span>
      <Skeleton className="mb-2 h-7 w-56" />
      <Skeleton className="mb-6 h-4 w-96" />
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-56" />
        <Skeleton className="h-56" />
      </div>
      <SkeletonTable rows={5} columns={5} />
    </div>
  );
}
