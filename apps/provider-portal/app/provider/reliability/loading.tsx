import { Skeleton } from "@pp/ui/skeleton";

export default function ReliabilityLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading reliability…</span>
      <Skeleton className="mb-6 h-7 w-48" />
      <Skeleton className="mb-6 h-24" />
      <Skeleton className="mb-6 h-96" />
      <Skeleton className="h-96" />
    </div>
  );
}
