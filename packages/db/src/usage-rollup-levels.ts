import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "./client";
import { DAY_MS, HOUR_MS, startOfWeek, weekStartOnOrAfter } from "./dates";

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
  hourlyTenantRows: number;
  dailyRows: number;
  dailyTenantRows: number;
  weeklyRows: number;
  dayFrom: Date;
  dayTo: Date;
};

/**
 * The (hour, tenant) pairs whose per-tenant hourly rows the rollup job has just changed, for this
 * transaction only: the coarser levels then recompute just those tenants' hours and days.
 */
export const ROLLUP_CHANGES_TABLE = "api_usage_rollup_changes";

/** Creates (or empties) this transaction's change list; rollup-api-usage.ts fills it. */
export async function startRollupChanges(executor: Executor): Promise<void> {
  await executor.execute(
    sql.raw(`create temp table if not exists ${ROLLUP_CHANGES_TABLE}
    (hour timestamptz not null, tenant_id uuid not null, primary key (hour, tenant_id)) on commit drop`),
  );
  await executor.execute(sql.raw(`truncate ${ROLLUP_CHANGES_TABLE}`));
}

/**
 * Which per-tenant hourly rows the levels are recomputed for: every tenant's in the hours of
 * [from, to) (seeds, factories, a first fill), or, with `changedOnly`, only the (hour, tenant)
 * pairs in ROLLUP_CHANGES_TABLE (the every-minute job: a pass that changed a few hundred tenants'
 * current hour rewrites those, not the whole day).
 */
type Scope = { kind: "range"; from: string; to: string } | { kind: "changes" };
/** Above this many changed (hour, tenant) pairs the levels are recomputed for the whole range instead. */
const FEW_CHANGES = 20_000;

/**
 * Recomputes the coarser rollup levels from the per-tenant hourly `api_usage_rollups` rows:
 * `api_usage_rollups_hourly_global` for the hours of [from, to), `api_usage_rollups_hourly_tenants`
 * for the same hours, `api_usage_rollups_daily` and `api_usage_rollups_daily_tenants` for every UTC
 * day [from, to) touches (whole days, so a day is always the sum of all its hours; the day × tenant
 * level is summed from the hour × tenant one), and `api_usage_rollups_weekly` for every ISO week those
 * days touch (summed from both daily levels). With `changedOnly`, only the hours / (day, tenant)
 * / (week, tenant) pairs of the changes recorded in ROLLUP_CHANGES_TABLE (all inside [from, to)); nothing when there
 * are none, and the whole range when there are more than FEW_CHANGES.
 * Each recomputed hour / day is replaced, so a group the hourly level no longer has disappears, and
 * running it twice gives the same rows. Run it in the transaction that wrote the hourly rows.
 * The rollup job (packages/core/src/usage/rollup-api-usage.ts) and the rollup test factory call it.
 */
export async function refreshApiUsageRollupLevels(
  executor: Executor,
  range: { from: Date; to: Date },
  options: { changedOnly?: boolean } = {},
): Promise<RollupLevelsResult> {
  const from = new Date(Math.floor(range.from.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const to = new Date(Math.ceil(range.to.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const dayFrom = new Date(Math.floor(range.from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.ceil(range.to.getTime() / DAY_MS) * DAY_MS);
  const none = { globalRows: 0, hourlyTenantRows: 0, dailyRows: 0, dailyTenantRows: 0, weeklyRows: 0, dayFrom, dayTo };
  if (from >= to) return none;
  const dayFromIso = dayFrom.toISOString();
  const dayToIso = dayTo.toISOString();
  const weekFromIso = startOfWeek(dayFrom).toISOString();
  const weekToIso = weekStartOnOrAfter(dayTo).toISOString();
  const changes = sql.raw(ROLLUP_CHANGES_TABLE);
  let changed: Scope | undefined;
  if (options.changedOnly) {
    const counted = await executor.execute<{ pairs: number }>(
      sql`select count(*)::int as pairs from (select 1 from ${changes} limit ${FEW_CHANGES + 1}) as c`,
    );
    const pairs = Number(counted.rows[0]?.pairs ?? 0);
    if (pairs === 0) return none;
    // A bulk change (a day's backfill) reads faster by whole hours and days than pair by pair.
    if (pairs <= FEW_CHANGES) changed = { kind: "changes" };
  }
  const hours = changed ?? { kind: "range", from, to };
  const days = changed ?? { kind: "range", from: dayFromIso, to: dayToIso };
  const weeks = changed ?? { kind: "range", from: weekFromIso, to: weekToIso };
  // Every change lies in [from, to): the bound lets each statement read the range by its key's leading time column.
  const inHours = rangeOf("hour", { from, to });
  const inDays = rangeOf("day", { from: dayFromIso, to: dayToIso });
  const inWeeks = rangeOf("week", { from: weekFromIso, to: weekToIso });

  // Hours: the changed hours whole (every tenant's rows of them), or the range's.
  const hourSource =
    hours.kind === "changes"
      ? sql`${inHours} and r.hour in (select distinct hour from ${changes})`
      : sql`r.hour >= ${hours.from}::timestamptz and r.hour < ${hours.to}::timestamptz`;
  const global = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_hourly_global"),
    key: ["hour", "app", "route", "method", "status_class"],
    measures: MEASURES,
    target: hours.kind === "changes" ? hourSource : rangeOf("hour", hours),
    // Tenants' busiest minutes need not coincide: their sum is an upper bound.
    fresh: sql`select r.hour, r.app, r.route, r.method, r.status_class,
                      sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                      sum(r.rate_limited)::bigint as rate_limited, sum(r.bytes)::bigint as bytes,
                      sum(r.duration_ms_sum)::bigint as duration_ms_sum, ${summedBuckets} as latency_buckets,
                      sum(r.peak_minute_requests)::integer as peak_minute_requests
                 from api_usage_rollups r
                where ${hourSource}
                group by r.hour, r.app, r.route, r.method, r.status_class`,
  });

  // Hour × tenant: the changed pairs, or every pair of the range.
  const hourlyTenants = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_hourly_tenants"),
    key: ["hour", "tenant_id"],
    measures: ["requests", "errors", "rate_limited", "peak_minute_requests", "public_peak_minute_requests"],
    target:
      hours.kind === "changes"
        ? sql`${inHours} and (r.hour, r.tenant_id) in (select hour, tenant_id from ${changes})`
        : rangeOf("hour", hours),
    // Per hour the public API groups' busiest minutes summed (as list-tenant-usage.ts estimates an
    // hour's peak), and the busiest single group's minute (the Action Center's rate-limit bucket).
    fresh: sql`select r.hour, r.tenant_id, sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                      sum(r.rate_limited)::bigint as rate_limited,
                      max(r.peak_minute_requests)::integer as peak_minute_requests,
                      coalesce(sum(r.peak_minute_requests) filter (
                        where r.app = 'tenant' and r.route like ${PUBLIC_API_ROUTE_PATTERN}), 0)::integer
                        as public_peak_minute_requests
                 from ${
                   hours.kind === "changes"
                     ? sql`${changes} c join api_usage_rollups r on r.hour = c.hour and r.tenant_id = c.tenant_id where ${inHours}`
                     : sql`api_usage_rollups r where ${hourSource}`
                 }
                group by r.hour, r.tenant_id`,
  });

  // Day × tenant pairs: those of the changed pairs, or every pair of the range's days.
  const changedDays = sql`(select distinct date_trunc('day', hour, 'UTC') as day, tenant_id from ${changes})`;
  const daily = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_daily"),
    key: ["day", "tenant_id", "app", "route", "method", "status_class"],
    measures: MEASURES,
    target: days.kind === "changes" ? sql`${inDays} and (r.day, r.tenant_id) in ${changedDays}` : rangeOf("day", days),
    fresh: sql`select date_trunc('day', r.hour, 'UTC') as day, r.tenant_id, r.app, r.route, r.method, r.status_class,
                      sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                      sum(r.rate_limited)::bigint as rate_limited, sum(r.bytes)::bigint as bytes,
                      sum(r.duration_ms_sum)::bigint as duration_ms_sum, ${summedBuckets} as latency_buckets,
                      max(r.peak_minute_requests) as peak_minute_requests
                 from ${
                   days.kind === "changes"
                     ? sql`${changedDays} c join api_usage_rollups r on r.tenant_id = c.tenant_id
                             and r.hour >= c.day and r.hour < c.day + interval '24 hours'
                           where ${rangeOf("hour", { from: dayFromIso, to: dayToIso })}`
                     : sql`api_usage_rollups r
                            where r.hour >= ${days.from}::timestamptz and r.hour < ${days.to}::timestamptz`
                 }
                group by 1, r.tenant_id, r.app, r.route, r.method, r.status_class`,
  });
  const dailyTenants = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_daily_tenants"),
    key: ["day", "tenant_id"],
    measures: ["requests", "errors", "rate_limited", "public_peak_minute_requests"],
    target: days.kind === "changes" ? sql`${inDays} and (r.day, r.tenant_id) in ${changedDays}` : rangeOf("day", days),
    // The busiest hour of the day by summed public API peaks.
    fresh: sql`select date_trunc('day', r.hour, 'UTC') as day, r.tenant_id,
                      sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                      sum(r.rate_limited)::bigint as rate_limited,
                      max(r.public_peak_minute_requests)::integer as public_peak_minute_requests
                 from ${
                   days.kind === "changes"
                     ? // Key lookups per hour: the level's key leads with the hour.
                       sql`${changedDays} c
                           cross join generate_series(c.day, c.day + interval '23 hours', interval '1 hour') as h (hour)
                           join api_usage_rollups_hourly_tenants r on r.hour = h.hour and r.tenant_id = c.tenant_id
                           where ${rangeOf("hour", { from: dayFromIso, to: dayToIso })}`
                     : sql`api_usage_rollups_hourly_tenants r
                            where r.hour >= ${days.from}::timestamptz and r.hour < ${days.to}::timestamptz`
                 }
                group by 1, r.tenant_id`,
  });

  // Week × tenant pairs: those of the changed pairs, or every pair of the weeks the range's days touch.
  // Each group's week, and beside it the tenant's busiest hour of the week (the filtered peak's cap).
  const changedWeeks = sql`(select distinct date_trunc('week', hour, 'UTC') as week, tenant_id from ${changes})`;
  const weekSums = sql`sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                       sum(r.rate_limited)::bigint as rate_limited, max(r.peak_minute_requests) as peak_minute_requests`;
  const weekColumns = sql`g.app, g.route, g.method, g.status_class, g.requests, g.errors, g.rate_limited,
                          g.peak_minute_requests, coalesce(t.peak, 0) as tenant_public_peak_minute_requests`;
  // A changed pair's week of rows, bound so the planner never reads every tenant's days: its groups
  // through the daily level's (tenant, day) index, its day × tenant rows by key (day, tenant).
  const weekGroups = sql`api_usage_rollups_daily r
    where r.tenant_id = c.tenant_id and r.day >= c.week and r.day < c.week + interval '7 days'`;
  const weekTenantDays = sql`generate_series(c.week, c.week + interval '6 days', interval '1 day') as d (day)
    join api_usage_rollups_daily_tenants r on r.day = d.day and r.tenant_id = c.tenant_id`;
  const weekly = await replaceLevel(executor, {
    table: sql.raw("api_usage_rollups_weekly"),
    key: ["week", "tenant_id", "app", "route", "method", "status_class"],
    measures: ["requests", "errors", "rate_limited", "peak_minute_requests", "tenant_public_peak_minute_requests"],
    target:
      weeks.kind === "changes" ? sql`${inWeeks} and (r.week, r.tenant_id) in ${changedWeeks}` : rangeOf("week", weeks),
    fresh:
      weeks.kind === "changes"
        ? sql`select c.week, c.tenant_id, ${weekColumns}
                from ${changedWeeks} c
                cross join lateral (select r.app, r.route, r.method, r.status_class, ${weekSums}
                                      from ${weekGroups}
                                     group by r.app, r.route, r.method, r.status_class) g
                cross join lateral (select max(r.public_peak_minute_requests) as peak
                                      from ${weekTenantDays}) t`
        : sql`select g.week, g.tenant_id, ${weekColumns}
                from (select date_trunc('week', r.day, 'UTC') as week, r.tenant_id, r.app, r.route, r.method,
                             r.status_class, ${weekSums}
                        from api_usage_rollups_daily r
                       where r.day >= ${weeks.from}::timestamptz and r.day < ${weeks.to}::timestamptz
                       group by 1, r.tenant_id, r.app, r.route, r.method, r.status_class) g
                left join (select date_trunc('week', r.day, 'UTC') as week, r.tenant_id,
                                  max(r.public_peak_minute_requests) as peak
                             from api_usage_rollups_daily_tenants r
                            where r.day >= ${weeks.from}::timestamptz and r.day < ${weeks.to}::timestamptz
                            group by 1, r.tenant_id) t on t.week = g.week and t.tenant_id = g.tenant_id`,
  });
  return {
    globalRows: global,
    hourlyTenantRows: hourlyTenants,
    dailyRows: daily,
    dailyTenantRows: dailyTenants,
    weeklyRows: weekly,
    dayFrom,
    dayTo,
  };
}

function rangeOf(column: "hour" | "day" | "week", range: { from: string; to: string }): SQL {
  const name = sql.raw(`r.${column}`);
  return sql`${name} >= ${range.from}::timestamptz and ${name} < ${range.to}::timestamptz`;
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
 * Makes `table`'s rows that `target` (a condition on alias `r`) selects equal `fresh`: upserts (rewriting only groups whose numbers
 * changed, so the every-minute pass does not churn a whole day) and deletes the groups `fresh` no
 * longer has. Returns the rows inserted or changed.
 */
async function replaceLevel(
  executor: Executor,
  level: { table: SQL; key: string[]; measures: readonly string[]; target: SQL; fresh: SQL },
): Promise<number> {
  const { table } = level;
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
       where ${level.target}
         and not exists (select 1 from fresh f where ${keyMatch})
      returning 1
    )
    select (select count(*) from upserted) as rows, (select count(*) from stale) as removed`);
  return Number(result.rows[0]?.rows ?? 0);
}
