import { Skeleton, SkeletonTable } from "@pp/ui/skeleton";

export default function SupportLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading your support requests…</span>
      <Skeleton className="mb-6 h-7 w-40" />
      <SkeletonTable rows={5} columns={5} />
    </div>
  );
}
