import { db, type Executor } from "@pp/db";
import { type SQL, sql } from "drizzle-orm";
import { resolveApiUsageWindow, type TApiUsageFilters } from "./api-usage-filters";
import { estimateLatencyPercentile, type LatencyEstimate } from "./api-usage-percentiles";
import {
  LATENCY_BUCKET_COUNT,
  RAW_ERROR,
  RAW_LATENCY_BUCKETS,
  RAW_RATE_LIMITED,
  ROLLUP_LATENCY_BUCKETS,
  rawWhere,
  rollupRows,
  sliceUsage,
  toCount,
} from "./api-usage-source";

export type EndpointUsage = {
  app: "portal" | "tenant";
  route: string;
  method: string;
  requests: number;
  errors: number;
  /** errors / requests, 0–1. */
  errorRate: number;
  rateLimited: number;
  bytes: number;
  averageMs: number;
  /** Estimated from the latency histogram (see api-usage-percentiles.ts). */
  p50: LatencyEstimate | null;
  p95: LatencyEstimate | null;
  p99: LatencyEstimate | null;
  /** Requests per latency bucket, as summed (non-cumulative). */
  latencyBuckets: number[];
};

/** The endpoints a dashboard lists at most (route templates are few; this only bounds a runaway). */
export const MAX_ENDPOINTS = 500;

const bucketNames = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, index) => `b${index}`);

/**
 * Per route template × method (and app): requests, error %, 429s, bytes, average and estimated
 * p50/p95/p99 latency over the filters' window, busiest first.
 */
export async function listEndpointUsage(
  options: { filters: TApiUsageFilters; now?: Date },
  executor: Executor = db,
): Promise<EndpointUsage[]> {
  const window = resolveApiUsageWindow(options.filters, options.now);
  const slices = sliceUsage({ from: window.start, to: window.end }, window.liveFrom);
  const parts: SQL[] = [];
  if (slices.rollups) {
    parts.push(sql`select r.app, r.route, r.method, r.requests, r.errors, r.rate_limited, r.bytes, r.duration_ms_sum,
                          ${sql.join(ROLLUP_LATENCY_BUCKETS, sql`, `)}
                     from ${rollupRows(slices.rollups, options.filters)} r`);
  }
  if (slices.raw) {
    parts.push(sql`select u.app, u.route, u.method, 1, ${RAW_ERROR}::int, ${RAW_RATE_LIMITED}::int, u.bytes, u.duration_ms,
                          ${sql.join(RAW_LATENCY_BUCKETS, sql`, `)}
                     from api_usage u where ${rawWhere(slices.raw, options.filters)}`);
  }
  if (parts.length === 0) return [];
  const columns = sql.raw(
    ["app", "route", "method", "requests", "errors", "rate_limited", "bytes", "duration_ms_sum", ...bucketNames].join(
      ", ",
    ),
  );
  const bucketSums = sql.raw(bucketNames.map((name) => `sum(s.${name}) as ${name}`).join(", "));
  const result = await executor.execute<Record<string, unknown>>(sql`
    select s.app, s.route, s.method,
           sum(s.requests) as requests, sum(s.errors) as errors, sum(s.rate_limited) as rate_limited,
           sum(s.bytes) as bytes, sum(s.duration_ms_sum) as duration_ms_sum, ${bucketSums}
      from (${sql.join(parts, sql` union all `)}) as s (${columns})
     group by s.app, s.route, s.method
     order by sum(s.requests) desc, s.route, s.method
     limit ${MAX_ENDPOINTS}`);
  return result.rows.map((row) => {
    const requests = toCount(row.requests);
    const errors = toCount(row.errors);
    const latencyBuckets = bucketNames.map((name) => toCount(row[name]));
    return {
      app: row.app as EndpointUsage["app"],
      route: String(row.route),
      method: String(row.method),
      requests,
      errors,
      errorRate: requests > 0 ? errors / requests : 0,
      rateLimited: toCount(row.rate_limited),
      bytes: toCount(row.bytes),
      averageMs: requests > 0 ? Math.round((toCount(row.duration_ms_sum) / requests) * 10) / 10 : 0,
      p50: estimateLatencyPercentile(latencyBuckets, 0.5),
      p95: estimateLatencyPercentile(latencyBuckets, 0.95),
      p99: estimateLatencyPercentile(latencyBuckets, 0.99),
      latencyBuckets,
    };
  });
}
