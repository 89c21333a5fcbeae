import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { apiUsage, apiUsageRollups, featureUsage } from "../schema";
import { refreshApiUsageRollupLevels } from "../usage-rollup-levels";
import { markApiUsageHoursPending } from "../usage-rollup-pending";
import { DAY_MS, HOUR_MS, isoDay, startOfUtcDay } from "./ids";

export type ApiUsageInput = Partial<typeof apiUsage.$inferInsert>;
export type FeatureUsageInput = Partial<typeof featureUsage.$inferInsert> & { featureKey?: string };

/**
 * Creates the daily api_usage partitions covering [from, to]. Rows must never land in the
 * default partition for a day that will later get its own: PostgreSQL then refuses to create it.
 */
export async function ensureApiUsagePartitions(executor: Executor, range: { from: Date; to: Date }): Promise<number> {
  const from = startOfUtcDay(range.from);
  const days = Math.max(0, Math.round((startOfUtcDay(range.to).getTime() - from.getTime()) / DAY_MS));
  const result = await executor.execute<{ created: number }>(
    sql`select ensure_api_usage_partitions(${isoDay(from)}::date, ${days}) as created`,
  );
  return result.rows[0]?.created ?? 0;
}

/**
 * api_usage rows (defaults: a tenant-app `GET /api/v1/leads` 200 now); partitions are created first,
 * and past hours are marked for the rollup job.
 */
export async function recordApiUsage(executor: Executor, rows: ApiUsageInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((row) => ({
    app: "tenant" as const,
    route: "/api/v1/leads",
    method: "GET",
    status: 200,
    bytes: 2_048,
    durationMs: 42,
    ...row,
    at: row.at ?? new Date(),
  }));
  const times = values.map((row) => row.at.getTime());
  await ensureApiUsagePartitions(executor, { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) });
  for (let start = 0; start < values.length; start += 1_000) {
    await executor.insert(apiUsage).values(values.slice(start, start + 1_000));
  }
  // Rows dated in hours the rollup job may have settled are rolled up on its next pass.
  await markApiUsageHoursPending(
    executor,
    times.map((time) => new Date(time)),
  );
  return values.length;
}

/** feature_usage rows (defaults: one tenant-app `lead.view` now). */
export async function recordFeatureUsage(executor: Executor, rows: FeatureUsageInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((row) => ({ app: "tenant" as const, featureKey: "lead.view", count: 1, ...row }));
  for (let start = 0; start < values.length; start += 1_000) {
    await executor.insert(featureUsage).values(values.slice(start, start + 1_000));
  }
  return values.length;
}

export type ApiUsageRollupInput = Partial<typeof apiUsageRollups.$inferInsert> & { tenantId: string; hour: Date };

/**
 * api_usage_rollups rows as the rollup job writes them (defaults: tenant-app `GET /api/v1/leads`,
 * status class 2, 10 requests, peak minute 2), with the global hourly and daily levels derived from
 * them as the job does. `hour` is truncated to the hour.
 */
export async function createApiUsageRollups(executor: Executor, rows: ApiUsageRollupInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((row) => {
    const requests = row.requests ?? 10;
    return {
      app: "tenant" as const,
      route: "/api/v1/leads",
      method: "GET",
      statusClass: 2,
      errors: 0,
      rateLimited: 0,
      bytes: requests * 2_048,
      durationMsSum: requests * 40,
      latencyBuckets: [0, 0, 0, requests, 0, 0, 0, 0, 0, 0, 0],
      peakMinuteRequests: Math.min(requests, 2),
      ...row,
      requests,
      hour: new Date(Math.floor(row.hour.getTime() / HOUR_MS) * HOUR_MS),
    };
  });
  for (let start = 0; start < values.length; start += 1_000) {
    await executor.insert(apiUsageRollups).values(values.slice(start, start + 1_000));
  }
  // The job derives the global hourly and daily levels from these rows; so does the factory.
  const hours = values.map((value) => value.hour.getTime());
  await refreshApiUsageRollupLevels(executor, {
    from: new Date(Math.min(...hours)),
    to: new Date(Math.max(...hours) + HOUR_MS),
  });
  return values.length;
}
