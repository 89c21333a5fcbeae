import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSnapshotBody } from "./schema";

// POST /api/analytics/snapshot – Recompute the daily metrics_snapshots of a day range (admin), as the nightly job does.
export const POST = compose(
  { route: "/api/analytics/snapshot" },
  withProviderAuth("settings:manage"),
  withIdempotency(),
  withInput({ body: ZSnapshotBody }),
)(async ({ body }) => json(await writeMetricsSnapshots(body)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
