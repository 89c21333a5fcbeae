import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "./client";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Entries of a rollup's latency_buckets array (10 bounds + the open bucket; see rollup-api-usage.ts). */
export const ROLLUP_LATENCY_BUCKET_COUNT = 11;

const summedBuckets = sql.raw(
  `jsonb_build_array(${Array.from(
    { length: ROLLUP_LATENCY_BUCKET_COUNT },
    (_, index) => `coalesce(sum((latency_buckets->>${index})::bigint), 0)::bigint`,
  ).join(", ")})`,
);

/** Requests the per-tenant public API rate limit counts: the tenant app's `/api/v1/*` routes. */
export const PUBLIC_API_ROUTE_PATTERN = "/api/v1/%";

export type RollupLevelsResult = {
  globalRows: number;
  dailyRows: number;
  dailyTenantRows: number;
  dayFrom: Date;
  dayTo: Date;
};

/**
 * Recomputes the two coarser rollup levels from the per-tenant hourly `api_usage_rollups` rows:
 * `api_usage_rollups_hourly_global` for the hours of [from, to), `api_usage_rollups_daily` and
 * `api_usage_rollups_daily_tenants` for every UTC day [from, to) touches (whole days, so a day is always the sum of all its hours).
 * Each touched hour / day is replaced, so a group the hourly level no longer has disappears, and
 * running it twice gives the same rows. Run it in the transaction that wrote the hourly rows.
 * The rollup job (packages/core/src/usage/rollup-api-usage.ts) and the rollup test factory call it.
 */
export async function refreshApiUsageRollupLevels(
  executor: Executor,
  range: { from: Date; to: Date },
): Promise<RollupLevelsResult> {
  const from = new Date(Math.floor(range.from.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const to = new Date(Math.ceil(range.to.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const dayFrom = new Date(Math.floor(range.from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.ceil(range.to.getTime() / DAY_MS) * DAY_MS);
  if (from >= to) return { globalRows: 0, dailyRows: 0, dailyTenantRows: 0, dayFrom, dayTo };
  const dayFromIso = dayFrom.toISOString();
  const dayToIso = dayTo.toISOString();

  const global = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_hourly_global"),
    time: sql.raw("hour"),
    key: ["hour", "app", "route", "method", "status_class"],
    measures: MEASURES,
    from,
    to,
    // Tenants' busiest minutes need not coincide: their sum is an upper bound.
    fresh: sql`select hour, app, route, method, status_class,
                      sum(requests)::bigint as requests, sum(errors)::bigint as errors,
                      sum(rate_limited)::bigint as rate_limited, sum(bytes)::bigint as bytes,
                      sum(duration_ms_sum)::bigint as duration_ms_sum, ${summedBuckets} as latency_buckets,
                      sum(peak_minute_requests)::integer as peak_minute_requests
                 from api_usage_rollups
                where hour >= ${from}::timestamptz and hour < ${to}::timestamptz
                group by hour, app, route, method, status_class`,
  });
  const daily = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_daily"),
    time: sql.raw("day"),
    key: ["day", "tenant_id", "app", "route", "method", "status_class"],
    measures: MEASURES,
    from: dayFromIso,
    to: dayToIso,
    fresh: sql`select date_trunc('day', hour, 'UTC') as day, tenant_id, app, route, method, status_class,
                      sum(requests)::bigint as requests, sum(errors)::bigint as errors,
                      sum(rate_limited)::bigint as rate_limited, sum(bytes)::bigint as bytes,
                      sum(duration_ms_sum)::bigint as duration_ms_sum, ${summedBuckets} as latency_buckets,
                      max(peak_minute_requests) as peak_minute_requests
                 from api_usage_rollups
                where hour >= ${dayFromIso}::timestamptz and hour < ${dayToIso}::timestamptz
                group by 1, tenant_id, app, route, method, status_class`,
  });
  const dailyTenants = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_daily_tenants"),
    time: sql.raw("day"),
    key: ["day", "tenant_id"],
    measures: ["requests", "errors", "rate_limited", "public_peak_minute_requests"],
    from: dayFromIso,
    to: dayToIso,
    // Per hour the public API groups' busiest minutes summed (as list-tenant-usage.ts estimates an
    // hour's peak), then the busiest hour of the day.
    fresh: sql`select date_trunc('day', hour, 'UTC') as day, tenant_id,
                      sum(requests)::bigint as requests, sum(errors)::bigint as errors,
                      sum(rate_limited)::bigint as rate_limited,
                      max(public_peak)::integer as public_peak_minute_requests
                 from (select hour, tenant_id, sum(requests) as requests, sum(errors) as errors,
                              sum(rate_limited) as rate_limited,
                              coalesce(sum(peak_minute_requests) filter (
                                where app = 'tenant' and route like ${PUBLIC_API_ROUTE_PATTERN}), 0) as public_peak
                         from api_usage_rollups
                        where hour >= ${dayFromIso}::timestamptz and hour < ${dayToIso}::timestamptz
                        group by hour, tenant_id) as h
                group by 1, tenant_id`,
  });
  return { globalRows: global, dailyRows: daily, dailyTenantRows: dailyTenants, dayFrom, dayTo };
}

const MEASURES = [
  "requests",
  "errors",
  "rate_limited",
  "bytes",
  "duration_ms_sum",
  "latency_buckets",
  "peak_minute_requests",
] as const;

/**
 * Makes `table`'s rows in [from, to) equal `fresh`: upserts (rewriting only groups whose numbers
 * changed, so the every-minute pass does not churn a whole day) and deletes the groups `fresh` no
 * longer has. Returns the rows inserted or changed.
 */
async function replaceLevel(
  executor: Executor,
  level: { table: SQL; time: SQL; key: string[]; measures: readonly string[]; from: string; to: string; fresh: SQL },
): Promise<number> {
  const { table, time } = level;
  const key = sql.raw(level.key.join(", "));
  const { measures } = level;
  const columns = sql.raw(measures.join(", "));
  const updates = sql.raw(measures.map((name) => `${name} = excluded.${name}`).join(", "));
  const current = sql.raw(measures.map((name) => `r.${name}`).join(", "));
  const incoming = sql.raw(measures.map((name) => `excluded.${name}`).join(", "));
  const keyMatch = sql.raw(level.key.map((name) => `f.${name} = r.${name}`).join(" and "));
  const result = await executor.execute<{ rows: string }>(sql`
    with fresh as (${level.fresh}),
    upserted as (
      insert into ${table} as r (${key}, ${columns})
      select ${key}, ${columns} from fresh
      on conflict (${key}) do update set ${updates}
       where (${current}) is distinct from (${incoming})
      returning 1
    ),
    stale as (
      delete from ${table} r
       where r.${time} >= ${level.from}::timestamptz and r.${time} < ${level.to}::timestamptz
         and not exists (select 1 from fresh f where ${keyMatch})
      returning 1
    )
    select (select count(*) from upserted) as rows, (select count(*) from stale) as removed`);
  return Number(result.rows[0]?.rows ?? 0);
}
