import { Skeleton } from "@pp/ui/skeleton";

export default function ReportsLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading scheduled reports…</span>
      <Skeleton className="mb-6 h-7 w-56" />
      <div className="grid gap-6 xl:grid-cols-3">
        <Skeleton className="h-80" />
        <Skeleton className="h-[36rem] xl:col-span-2" />
      </div>
    </div>
  );
}
