import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import {
  type ApiUsageBucket,
  type ApiUsageWindow,
  bucketMs,
  resolveApiUsageWindow,
  type TApiUsageFilters,
} from "./api-usage-filters";
import { RAW_ERROR, RAW_RATE_LIMITED, rawWhere, rollupRows, sliceUsage, toCount } from "./api-usage-source";

export type ApiUsageCounts = { requests: number; errors: number; rateLimited: number };

export type ApiUsageTrendPoint = ApiUsageCounts & {
  /** Start of the bucket (hour or UTC day). */
  start: Date;
  /** The same bucket one period earlier. */
  prior: ApiUsageCounts & { start: Date };
};

export type ApiUsageTrend = {
  bucket: ApiUsageBucket;
  window: ApiUsageWindow;
  points: ApiUsageTrendPoint[];
  totals: ApiUsageCounts;
  priorTotals: ApiUsageCounts;
};

const zero = (): ApiUsageCounts => ({ requests: 0, errors: 0, rateLimited: 0 });

/**
 * Requests, errors (4xx/5xx except 429) and 429s per bucket of the window (per day; per hour for
 * 24 hours), each beside the same bucket of the period just before, for the filters given.
 * One statement over both periods.
 */
export async function getApiUsageTrend(
  options: { filters: TApiUsageFilters; now?: Date },
  executor: Executor = db,
): Promise<ApiUsageTrend> {
  const window = resolveApiUsageWindow(options.filters, options.now);
  const size = bucketMs(window.bucket);
  const slices = sliceUsage({ from: window.priorStart, to: window.end }, window.liveFrom);
  const parts = [];
  if (slices.rollups) {
    // Summed per hour first: hashing a timestamp is cheaper than computing a bucket for every row.
    parts.push(sql`select r.hour as at, sum(r.requests), sum(r.errors), sum(r.rate_limited)
                     from ${rollupRows(slices.rollups, options.filters, { byHour: window.bucket === "hour" })} r
                    group by r.hour`);
  }
  if (slices.raw) {
    parts.push(sql`select min(u.at), count(*), count(*) filter (where ${RAW_ERROR}), count(*) filter (where ${RAW_RATE_LIMITED})
                     from api_usage u where ${rawWhere(slices.raw, options.filters)}
                   having count(*) > 0`);
  }
  const counts = new Map<number, ApiUsageCounts>();
  if (parts.length > 0) {
    const result = await executor.execute<{
      bucket: number;
      requests: string;
      errors: string;
      rate_limited: string;
    }>(sql`
      select floor(extract(epoch from (s.at - ${window.priorStart.toISOString()}::timestamptz)) * 1000 / ${size})::int as bucket,
             sum(s.requests) as requests, sum(s.errors) as errors, sum(s.rate_limited) as rate_limited
        from (${sql.join(parts, sql` union all `)}) as s (at, requests, errors, rate_limited)
       group by 1`);
    for (const row of result.rows) {
      counts.set(Number(row.bucket), {
        requests: toCount(row.requests),
        errors: toCount(row.errors),
        rateLimited: toCount(row.rate_limited),
      });
    }
  }

  const totals = zero();
  const priorTotals = zero();
  const points: ApiUsageTrendPoint[] = [];
  for (let index = 0; index < window.buckets; index++) {
    const current = counts.get(window.buckets + index) ?? zero();
    const prior = counts.get(index) ?? zero();
    add(totals, current);
    add(priorTotals, prior);
    points.push({
      start: new Date(window.start.getTime() + index * size),
      ...current,
      prior: { start: new Date(window.priorStart.getTime() + index * size), ...prior },
    });
  }
  return { bucket: window.bucket, window, points, totals, priorTotals };
}

function add(into: ApiUsageCounts, counts: ApiUsageCounts): void {
  into.requests += counts.requests;
  into.errors += counts.errors;
  into.rateLimited += counts.rateLimited;
}
