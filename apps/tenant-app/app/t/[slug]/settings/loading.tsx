import { SkeletonPage } from "@pp/ui/skeleton";

// Only on segments with no dynamic child: a loading boundary above a lookup would start the
// response with 200 before notFound() could answer 404 (e2e/not-found.e2e.test.ts).
export default function Loading() {
  return <SkeletonPage />;
}
