import { type SQL, sql } from "drizzle-orm";
import { rawFilterSql, rollupFilterSql, type TApiUsageFilters } from "./api-usage-filters";
import { LATENCY_BUCKET_BOUNDS_MS, NIL_TENANT_ID } from "./rollup-api-usage";

/**
 * Where a time range's numbers come from: whole hours before `liveFrom` from the hourly rollups,
 * the hour in progress from raw rows. The rollup job also keeps the current hour's rollup up to
 * date every minute; reading raw rows for it instead shows a request the moment its row is
 * written and can never count it twice (rollup rows of that hour are not read).
 */
export type UsageSlices = {
  rollups?: { from: Date; to: Date };
  raw?: { from: Date; to: Date };
};

export function sliceUsage(range: { from: Date; to: Date }, liveFrom: Date): UsageSlices {
  const slices: UsageSlices = {};
  const rollupTo = range.to < liveFrom ? range.to : liveFrom;
  if (range.from < rollupTo) slices.rollups = { from: range.from, to: rollupTo };
  const rawFrom = range.from > liveFrom ? range.from : liveFrom;
  if (rawFrom < range.to) slices.raw = { from: rawFrom, to: range.to };
  return slices;
}

const iso = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** `api_usage_rollups r` rows in the slice that match the filters. */
export function rollupWhere(slice: { from: Date; to: Date }, filters: TApiUsageFilters): SQL {
  return sql`r.hour >= ${iso(slice.from)} and r.hour < ${iso(slice.to)} and ${rollupFilterSql(filters)}`;
}

/** `api_usage u` rows in the slice that match the filters. */
export function rawWhere(slice: { from: Date; to: Date }, filters: TApiUsageFilters): SQL {
  return sql`u.at >= ${iso(slice.from)} and u.at < ${iso(slice.to)} and ${rawFilterSql(filters)}`;
}

// Raw rows counted the way rollup-api-usage.ts counts them, so both halves of a range agree.
export const RAW_ERROR = sql`(u.status >= 400 and u.status <> 429)`;
export const RAW_RATE_LIMITED = sql`(u.status = 429)`;
export const RAW_TENANT_ID = sql.raw(`coalesce(u.tenant_id, '${NIL_TENANT_ID}'::uuid)`);
/** Requests the per-tenant public API rate limit counts: the tenant app's `/api/v1/*` routes. */
export const PUBLIC_API_ROUTE_PATTERN = "/api/v1/%";

/** Per bucket i, the raw row's 0/1 membership; matches the rollup's non-cumulative buckets. */
export const RAW_LATENCY_BUCKETS: SQL[] = [...LATENCY_BUCKET_BOUNDS_MS, Number.POSITIVE_INFINITY].map(
  (upper, index) => {
    const lower = index === 0 ? undefined : LATENCY_BUCKET_BOUNDS_MS[index - 1];
    const conditions = [
      lower === undefined ? undefined : `u.duration_ms > ${lower}`,
      Number.isFinite(upper) ? `u.duration_ms <= ${upper}` : undefined,
    ].filter(Boolean);
    return sql.raw(`(${conditions.join(" and ")})::int`);
  },
);

export const ROLLUP_LATENCY_BUCKETS: SQL[] = RAW_LATENCY_BUCKETS.map((_, index) =>
  sql.raw(`coalesce((r.latency_buckets->>${index})::bigint, 0)`),
);

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/** A bigint aggregate from the driver (a string) as a JS number. */
export function toCount(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
