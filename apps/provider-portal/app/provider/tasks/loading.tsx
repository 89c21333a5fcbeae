import { SkeletonPage } from "@pp/ui/skeleton";

export default function Loading() {
  return <SkeletonPage />;
}
