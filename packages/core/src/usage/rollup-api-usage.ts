import { db, type Executor, ROLLUP_CHANGES_TABLE, refreshApiUsageRollupLevels, startRollupChanges } from "@pp/db";
import { sql } from "drizzle-orm";

/** Upper bounds (ms) of the latency buckets; a last, open bucket holds everything slower. */
export const LATENCY_BUCKET_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;
/** Stands for "no tenant" (staff requests not about one tenant) so the rollup key stays plain. */
export const NIL_TENANT_ID = "00000000-0000-0000-0000-000000000000";

const HOUR_MS = 60 * 60 * 1000;

export type RollupApiUsageOptions = {
  /** Start of the range; rounded down to the hour. */
  from: Date;
  /** End of the range (exclusive); rounded up to the hour. */
  to: Date;
};

export type RollupApiUsageResult = {
  from: Date;
  to: Date;
  /** Per-tenant hourly groups the range's raw rows make (written or already equal). */
  rows: number;
  removed: number;
  /** Per-tenant hourly rows inserted, changed or removed: the coarser levels are recomputed for their tenants' hours and days only. */
  changedRows?: number;
  /** Rows rewritten in api_usage_rollups_hourly_global (the hours with changes). */
  globalRows?: number;
  /** Rows rewritten in api_usage_rollups_hourly_tenants. */
  hourlyTenantRows?: number;
  /** Rows rewritten in api_usage_rollups_daily (every UTC day the range touches). */
  dailyRows?: number;
  /** Rows rewritten in api_usage_rollups_daily_tenants (the same days). */
  dailyTenantRows?: number;
  /** Rows rewritten in api_usage_rollups_weekly (the ISO weeks of those days). */
  weeklyRows?: number;
};

export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function endOfHour(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
}

// Per bucket i: bounds[i-1] < duration_ms <= bounds[i]; the last bucket is duration_ms > 5000.
const bucketCounts = sql.raw(
  [...LATENCY_BUCKET_BOUNDS_MS, Number.POSITIVE_INFINITY]
    .map((upper, index) => {
      const lower = index === 0 ? undefined : LATENCY_BUCKET_BOUNDS_MS[index - 1];
      const conditions = [
        lower === undefined ? undefined : `duration_ms > ${lower}`,
        Number.isFinite(upper) ? `duration_ms <= ${upper}` : undefined,
      ].filter(Boolean);
      return `count(*) filter (where ${conditions.join(" and ")}) as b${index}`;
    })
    .join(",\n"),
);
const bucketArray = sql.raw(
  `jsonb_build_array(${LATENCY_BUCKET_BOUNDS_MS.map((_, index) => `sum(b${index})::bigint`)
    .concat(`sum(b${LATENCY_BUCKET_BOUNDS_MS.length})::bigint`)
    .join(", ")})`,
);

/**
 * Recomputes the hourly rollups of [from, to) from the raw api_usage rows, whole hours at a time, and
 * upserts them: running it twice gives the same rows, and rows that arrived late are counted on the
 * next run over their hour. In an hour that has raw rows, rollup groups no raw row supports any more
 * are removed; hours without raw rows are left alone (retention keeps rollups after raw is dropped).
 *
 * Per hour × tenant (nil UUID for none) × app × route × method × status class: requests, errors
 * (4xx and 5xx except 429), rate_limited (429), bytes, duration sum, latency bucket counts
 * (LATENCY_BUCKET_BOUNDS_MS, not cumulative) and the busiest minute's request count.
 * Only groups whose numbers changed are written. In the same transaction it recomputes the coarser
 * levels from the per-tenant hourly rows (not from raw), for the (hour, tenant) pairs that changed:
 * api_usage_rollups_hourly_global for those hours, api_usage_rollups_hourly_tenants for those pairs,
 * api_usage_rollups_daily and api_usage_rollups_daily_tenants for those tenants' UTC days (see
 * refreshApiUsageRollupLevels in @pp/db). So the every-minute pass costs what changed since the
 * last one, not the day.
 * This is the one implementation: the pg-boss job, the backfill command and seed:demo all call it.
 */
export async function rollupApiUsage(
  options: RollupApiUsageOptions,
  executor: Executor = db,
): Promise<RollupApiUsageResult> {
  const from = startOfHour(options.from);
  const to = endOfHour(options.to);
  if (to.getTime() <= from.getTime()) return { from, to, rows: 0, removed: 0 };
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  return executor.transaction(async (tx) => {
    await startRollupChanges(tx);
    const hourly = await rollupHours(tx, fromIso, toIso);
    const levels = await refreshApiUsageRollupLevels(tx, { from, to }, { changedOnly: true });
    return {
      from,
      to,
      ...hourly,
      globalRows: levels.globalRows,
      hourlyTenantRows: levels.hourlyTenantRows,
      dailyRows: levels.dailyRows,
      dailyTenantRows: levels.dailyTenantRows,
      weeklyRows: levels.weeklyRows,
    };
  });
}

async function rollupHours(executor: Executor, fromIso: string, toIso: string) {
  const result = await executor.execute<{ rows: string; removed: string; changed: string }>(sql`
    with per_minute as (
      select date_trunc('minute', at) as minute,
             coalesce(tenant_id, ${NIL_TENANT_ID}::uuid) as tenant_id,
             app, route, method,
             greatest(1, least(5, status / 100))::smallint as status_class,
             count(*) as requests,
             count(*) filter (where status >= 400 and status <> 429) as errors,
             count(*) filter (where status = 429) as rate_limited,
             sum(bytes) as bytes,
             sum(duration_ms) as duration_ms_sum,
             ${bucketCounts}
        from api_usage
       where at >= ${fromIso}::timestamptz and at < ${toIso}::timestamptz
       group by 1, 2, 3, 4, 5, 6
    ),
    fresh as (
      select date_trunc('hour', minute) as hour, tenant_id, app, route, method, status_class,
             sum(requests)::bigint as requests,
             sum(errors)::bigint as errors,
             sum(rate_limited)::bigint as rate_limited,
             sum(bytes)::bigint as bytes,
             sum(duration_ms_sum)::bigint as duration_ms_sum,
             ${bucketArray} as latency_buckets,
             max(requests)::integer as peak_minute_requests
        from per_minute
       group by 1, 2, 3, 4, 5, 6
    ),
    upserted as (
      insert into api_usage_rollups as r
        (hour, tenant_id, app, route, method, status_class, requests, errors, rate_limited, bytes,
         duration_ms_sum, latency_buckets, peak_minute_requests)
      select * from fresh
      on conflict (hour, tenant_id, app, route, method, status_class) do update set
        requests = excluded.requests,
        errors = excluded.errors,
        rate_limited = excluded.rate_limited,
        bytes = excluded.bytes,
        duration_ms_sum = excluded.duration_ms_sum,
        latency_buckets = excluded.latency_buckets,
        peak_minute_requests = excluded.peak_minute_requests
       where (r.requests, r.errors, r.rate_limited, r.bytes, r.duration_ms_sum, r.latency_buckets,
              r.peak_minute_requests)
             is distinct from
             (excluded.requests, excluded.errors, excluded.rate_limited, excluded.bytes, excluded.duration_ms_sum,
              excluded.latency_buckets, excluded.peak_minute_requests)
      returning r.hour, r.tenant_id
    ),
    stale as (
      delete from api_usage_rollups r
       where r.hour >= ${fromIso}::timestamptz and r.hour < ${toIso}::timestamptz
         and r.hour in (select distinct hour from fresh)
         and not exists (
           select 1 from fresh f
            where f.hour = r.hour and f.tenant_id = r.tenant_id and f.app = r.app and f.route = r.route
              and f.method = r.method and f.status_class = r.status_class)
      returning r.hour, r.tenant_id
    ),
    changed as (
      insert into ${sql.raw(ROLLUP_CHANGES_TABLE)} (hour, tenant_id)
      select distinct hour, tenant_id from (select * from upserted union all select * from stale) as c
      on conflict do nothing
    )
    select (select count(*) from fresh) as rows, (select count(*) from stale) as removed,
           (select count(*) from upserted) + (select count(*) from stale) as changed
  `);
  const row = result.rows[0];
  return { rows: Number(row?.rows ?? 0), removed: Number(row?.removed ?? 0), changedRows: Number(row?.changed ?? 0) };
}
