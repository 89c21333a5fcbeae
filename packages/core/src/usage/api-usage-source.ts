import { PUBLIC_API_ROUTE_PATTERN } from "@pp/db";
import { DAY_MS, startOfWeek, weekStartOnOrAfter } from "@pp/db/dates";
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

const ROLLUP_COLUMNS =
  "app, route, method, status_class, requests, errors, rate_limited, bytes, duration_ms_sum, latency_buckets, peak_minute_requests";

export type RollupLevelOptions = {
  /** The query buckets by the hour: the daily level cannot answer. */
  byHour?: boolean;
};

/**
 * The rollup rows of a slice that match the filters, as a subquery to alias `r` with the columns of
 * api_usage_rollups (`hour` is the day's start for daily rows; `tenant_id` is null for global
 * rows), read from the smallest level that gives the same sums:
 * - no tenant filter → api_usage_rollups_hourly_global (≈ 1/300 of the per-tenant rows here);
 * - otherwise, unless the query buckets by the hour, the slice's whole UTC days from
 *   api_usage_rollups_daily and its partial first / last day from the per-tenant hourly rows;
 * - otherwise the per-tenant hourly api_usage_rollups.
 * All levels are maintained in one transaction by rollup-api-usage.ts, so every split sums alike.
 * The tenant table groups by tenant and has its own level: see tenantRollupUsage.
 */
export function rollupRows(
  slice: { from: Date; to: Date },
  filters: TApiUsageFilters,
  options: RollupLevelOptions = {},
): SQL {
  const hourly = (part: { from: Date; to: Date }) =>
    sql`select hour, tenant_id, ${sql.raw(ROLLUP_COLUMNS)} from api_usage_rollups r where ${rollupWhere(part, filters)}`;
  if (!filters.tenantId) {
    return sql`(select hour, null::uuid as tenant_id, ${sql.raw(ROLLUP_COLUMNS)}
                  from api_usage_rollups_hourly_global r where ${rollupWhere(slice, filters)})`;
  }
  const dayFrom = new Date(Math.ceil(slice.from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.floor(slice.to.getTime() / DAY_MS) * DAY_MS);
  if (options.byHour || dayFrom >= dayTo) return sql`(${hourly(slice)})`;
  const parts: SQL[] = [
    sql`select day as hour, tenant_id, ${sql.raw(ROLLUP_COLUMNS)} from api_usage_rollups_daily r
         where r.day >= ${iso(dayFrom)} and r.day < ${iso(dayTo)} and ${rollupFilterSql(filters)}`,
  ];
  if (slice.from < dayFrom) parts.push(hourly({ from: slice.from, to: dayFrom }));
  if (dayTo < slice.to) parts.push(hourly({ from: dayTo, to: slice.to }));
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** Whether a rollup (`r`) or raw (`u`) row is a public API request (counted against the rate limit). */
export function publicApiSql(alias: "r" | "u"): SQL {
  return sql.raw(`${alias}.app = 'tenant' and ${alias}.route like '${PUBLIC_API_ROUTE_PATTERN}'`);
}

/**
 * The tenant table's rollup part: rows of (tenant_id, requests, errors, rate_limited, peak) whose
 * sums (and max of peak) per tenant are the slice's usage. `peak` is, per hour, the sum of the
 * public API groups' busiest minutes. Without route / method / status filters the slice's whole UTC
 * days come from api_usage_rollups_daily_tenants (which holds the busiest such hour of each day)
 * and its partial first / last day from api_usage_rollups_hourly_tenants (the same per-hour sums).
 * With them see filteredTenantRollupUsage.
 */
export function tenantRollupUsage(
  slice: { from: Date; to: Date },
  filters: TApiUsageFilters,
  options: { endsLive?: boolean } = {},
): SQL {
  const dayFrom = new Date(Math.ceil(slice.from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.floor(slice.to.getTime() / DAY_MS) * DAY_MS);
  if (filters.route || filters.method || filters.statusClass) {
    return filteredTenantRollupUsage(slice, filters, { dayFrom, dayTo, endsLive: options.endsLive ?? false });
  }
  const hourly = (part: { from: Date; to: Date }) => sql`
    select r.tenant_id, r.requests, r.errors, r.rate_limited, r.public_peak_minute_requests
      from api_usage_rollups_hourly_tenants r
     where ${rollupWhere(part, filters)}`;
  if (dayFrom >= dayTo) return hourly(slice);
  const parts: SQL[] = [
    sql`select r.tenant_id, r.requests, r.errors, r.rate_limited, r.public_peak_minute_requests
          from api_usage_rollups_daily_tenants r
         where r.day >= ${iso(dayFrom)} and r.day < ${iso(dayTo)} and ${rollupFilterSql(filters)}`,
  ];
  if (slice.from < dayFrom) parts.push(hourly({ from: slice.from, to: dayFrom }));
  if (dayTo < slice.to) parts.push(hourly({ from: dayTo, to: slice.to }));
  return sql.join(parts, sql` union all `);
}

/**
 * tenantRollupUsage under a route / method / status filter, from the per-group levels: whole ISO
 * weeks from api_usage_rollups_weekly, the other whole days from api_usage_rollups_daily, partial
 * days from the per-tenant hourly rows. `peak` is per week (or day) the matching public API groups'
 * busiest minutes of the week (day) summed, capped by the tenant's unfiltered peak of the same week
 * (day): an upper bound like the hourly one and never below it (equal when one group matches, or the
 * groups peak in the same hour), and never above the unfiltered table's.
 * When the slice ends at the hour in progress (`endsLive`) and most of its last day has passed, that
 * day is its daily rows minus the rows of its hours from the slice's end on (the hour in progress,
 * which the raw part counts): a day's rows instead of one per hour, and today's busiest minute so far.
 */
function filteredTenantRollupUsage(
  slice: { from: Date; to: Date },
  filters: TApiUsageFilters,
  span: { dayFrom: Date; dayTo: Date; endsLive: boolean },
): SQL {
  const { dayFrom, dayTo } = span;
  const matching = rollupFilterSql(filters);
  const publicPeak = sql`coalesce(sum(r.peak_minute_requests) filter (where ${publicApiSql("r")}), 0)`;
  const hourlyGroups = (part: { from: Date; to: Date }) => sql`
      select r.tenant_id, sum(r.requests)::bigint, sum(r.errors)::bigint, sum(r.rate_limited)::bigint, ${publicPeak}
        from api_usage_rollups r
       where ${rollupWhere(part, filters)}
       group by r.tenant_id, r.hour`;
  // Hours taken away from a day read whole: their counts negated, no peak.
  const minusHours = (part: { from: Date; to: Date }) => sql`
      select r.tenant_id, -sum(r.requests)::bigint, -sum(r.errors)::bigint, -sum(r.rate_limited)::bigint, null::bigint
        from api_usage_rollups r
       where ${rollupWhere(part, filters)}
       group by r.tenant_id`;
  // A route filter reads each level's route index alone (index-only, in period × tenant order), so
  // the groups stream into their period × tenant sums; days meet the day × tenant level's caps in key
  // order, weeks carry theirs on every row.
  const between = (column: "r.day" | "t.day" | "r.week", from: Date, to: Date) =>
    sql`${sql.raw(column)} >= ${iso(from)} and ${sql.raw(column)} < ${iso(to)}`;
  const days = (from: Date, to: Date) => sql`
      select g.tenant_id, g.requests, g.errors, g.rate_limited, least(g.peak, t.public_peak_minute_requests)
        from (select r.day, r.tenant_id, sum(r.requests)::bigint as requests, sum(r.errors)::bigint as errors,
                     sum(r.rate_limited)::bigint as rate_limited, ${publicPeak} as peak
                from api_usage_rollups_daily r
               where ${between("r.day", from, to)} and ${matching}
               group by r.day, r.tenant_id) as g
        join api_usage_rollups_daily_tenants t on t.day = g.day and t.tenant_id = g.tenant_id and ${between("t.day", from, to)}`;
  const weeks = (from: Date, to: Date) => sql`
      select r.tenant_id, sum(r.requests)::bigint, sum(r.errors)::bigint, sum(r.rate_limited)::bigint,
             least(${publicPeak}, max(r.tenant_public_peak_minute_requests))
        from api_usage_rollups_weekly r
       where ${between("r.week", from, to)} and ${matching}
       group by r.week, r.tenant_id`;

  // Whole days: the ISO weeks among them from the weekly level, the days around those from the daily one.
  const wholeDays = (from: Date, to: Date): SQL[] => {
    const weekFrom = weekStartOnOrAfter(from);
    const weekTo = startOfWeek(to);
    if (weekFrom >= weekTo) return [days(from, to)];
    return [
      weeks(weekFrom, weekTo),
      ...(from < weekFrom ? [days(from, weekFrom)] : []),
      ...(weekTo < to ? [days(weekTo, to)] : []),
    ];
  };

  if (dayFrom > dayTo) return hourlyGroups(slice);
  // Most of the last day has passed and the rest is live: read it whole, minus its hours from the slice's end.
  const lastDayWhole = span.endsLive && slice.to.getTime() - dayTo.getTime() > DAY_MS / 2;
  const wholeTo = lastDayWhole ? new Date(dayTo.getTime() + DAY_MS) : dayTo;
  const parts: SQL[] = dayFrom < wholeTo ? wholeDays(dayFrom, wholeTo) : [];
  if (slice.from < dayFrom) parts.push(hourlyGroups({ from: slice.from, to: dayFrom }));
  if (lastDayWhole) parts.push(minusHours({ from: slice.to, to: wholeTo }));
  else if (dayTo < slice.to) parts.push(hourlyGroups({ from: dayTo, to: slice.to }));
  return sql.join(parts, sql` union all `);
}

/** `api_usage u` rows in the slice that match the filters. */
export function rawWhere(slice: { from: Date; to: Date }, filters: TApiUsageFilters): SQL {
  return sql`u.at >= ${iso(slice.from)} and u.at < ${iso(slice.to)} and ${rawFilterSql(filters)}`;
}

// Raw rows counted the way rollup-api-usage.ts counts them, so both halves of a range agree.
export const RAW_ERROR = sql`(u.status >= 400 and u.status <> 429)`;
export const RAW_RATE_LIMITED = sql`(u.status = 429)`;
export const RAW_TENANT_ID = sql.raw(`coalesce(u.tenant_id, '${NIL_TENANT_ID}'::uuid)`);
/** Requests the per-tenant public API rate limit counts (defined beside the rollup levels that use it). */
export { PUBLIC_API_ROUTE_PATTERN };

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
