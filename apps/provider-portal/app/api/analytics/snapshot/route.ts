import { writeMetricsSnapshots } from "@pp/core/revenue/write-metrics-snapshots";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSnapshotBody } from "./schema";

// POST /api/analytics/snapshot – Recompute the daily metrics_snapshots of a day range (admin), as the nightly job does.
export const POST = compose(
  { route: "/api/analytics/snapshot" },
  withProviderAuth("settings:manage"),
  withIdempotency(),
  withInput({ body: ZSnapshotBody }),
)(async ({ body }) => json(await writeMetricsSnapshots(body)));
