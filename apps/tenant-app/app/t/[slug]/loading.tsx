import { SkeletonPage } from "@pp/ui/skeleton";

export default function TenantLoading() {
  return <SkeletonPage />;
}
