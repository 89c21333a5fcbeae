import { SkeletonPage } from "@pp/ui/skeleton";

export default function ProviderLoading() {
  return <SkeletonPage />;
}
