import { db, type Executor } from "@pp/db";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, encodeCursor, type Page } from "../pagination";
import { resolveApiUsageWindow, type TApiUsageFilters } from "./api-usage-filters";
import { DEFAULT_PUBLIC_API_LIMIT, effectiveLimit, type RateLimitSource } from "./api-usage-rate-limit";
import {
  publicApiSql,
  RAW_ERROR,
  RAW_RATE_LIMITED,
  RAW_TENANT_ID,
  rawWhere,
  sliceUsage,
  tenantRollupUsage,
  toCount,
} from "./api-usage-source";

export const TENANT_USAGE_SORTS = ["requests", "errorRate", "rateLimited", "peak"] as const;
export type TenantUsageSort = (typeof TENANT_USAGE_SORTS)[number];

export type TenantUsage = {
  tenantId: string;
  tenantName: string;
  slug: string;
  status: string;
  requests: number;
  errors: number;
  /** errors / requests, 0–1. */
  errorRate: number;
  rateLimited: number;
  /**
   * The busiest minute of public API (`/api/v1/*`) requests in the window. From rollups it is
   * estimated per hour as the sum of each
   * route × method × status class's busiest minute (an upper bound, exact when those peaks fall in
   * the same minute, as they do in a burst); the hour in progress is counted exactly from raw rows.
   * With a route / method / status filter, whole past weeks and days use each matching group's
   * busiest minute of the week or day instead (summed, and capped by the week's or day's unfiltered
   * peak), and today, once most of it has passed, its busiest minute so far: still an upper bound,
   * exact when one group matches.
   */
  peakMinuteRequests: number;
  limit: number;
  limitSource: RateLimitSource;
  /** peakMinuteRequests / limit × 100, rounded. */
  peakPercentOfLimit: number;
};

export type ListTenantUsageOptions = {
  filters: TApiUsageFilters;
  sort?: TenantUsageSort;
  direction?: "asc" | "desc";
  limit?: number;
  cursor?: string;
  now?: Date;
};

export const DEFAULT_TENANT_USAGE_PAGE_SIZE = 25;
const MAX_LIMIT = 100;
/** The table is ranked by aggregates, so a page is an offset into the ranking. */
const ZTenantUsageCursor = z.object({ offset: z.number().int().min(1).max(1_000_000) });

const SORT_SQL: Record<TenantUsageSort, SQL> = {
  requests: sql`requests`,
  errorRate: sql`case when requests > 0 then errors::float8 / requests else 0 end`,
  rateLimited: sql`rate_limited`,
  peak: sql`peak::float8 / effective_limit`,
};

/**
 * Per tenant with requests in `[from, to)`: (tenant_id, requests, errors, rate_limited, peak), whole
 * hours before `liveFrom` from the rollup levels and the rest from raw rows (see sliceUsage).
 */
export function tenantUsageSql(range: { from: Date; to: Date; liveFrom: Date }, filters: TApiUsageFilters): SQL {
  const slices = sliceUsage(range, range.liveFrom);
  const parts: SQL[] = [];
  // The rollup slice ends at the hour in progress, which the raw part counts (the hours after it hold nothing yet).
  const endsLive = slices.raw !== undefined && slices.rollups?.to.getTime() === range.liveFrom.getTime();
  if (slices.rollups) parts.push(tenantRollupUsage(slices.rollups, filters, { endsLive }));
  if (slices.raw) {
    parts.push(sql`
      select m.tenant_id, sum(m.requests)::bigint, sum(m.errors)::bigint, sum(m.rate_limited)::bigint,
             max(m.public_requests)
        from (select ${RAW_TENANT_ID} as tenant_id, date_trunc('minute', u.at) as minute,
                     count(*) as requests,
                     count(*) filter (where ${RAW_ERROR}) as errors,
                     count(*) filter (where ${RAW_RATE_LIMITED}) as rate_limited,
                     count(*) filter (where ${publicApiSql("u")}) as public_requests
                from api_usage u
               where ${rawWhere(slices.raw, filters)}
               group by 1, 2) m
       group by m.tenant_id`);
  }
  if (parts.length === 0) {
    return sql`select null::uuid as tenant_id, 0 as requests, 0 as errors, 0 as rate_limited, 0 as peak where false`;
  }
  return sql`select s.tenant_id, sum(s.requests)::bigint as requests, sum(s.errors)::bigint as errors,
                    sum(s.rate_limited)::bigint as rate_limited, max(s.peak) as peak
               from (${sql.join(parts, sql` union all `)}) as s (tenant_id, requests, errors, rate_limited, peak)
              group by s.tenant_id
             having sum(s.requests) > 0`;
}

/**
 * Per tenant over the filters' window: requests, error rate, 429s, busiest public-API minute as a
 * share of the tenant's limit (its `tenant_rate_limits` override, else its plan's
 * `api_rate_limit_per_minute`). Without route / method / status filters every tenant is listed,
 * idle ones with zeros, so a brand-new tenant's limit can be edited before it calls the API.
 */
export async function listTenantUsage(
  options: ListTenantUsageOptions,
  executor: Executor = db,
): Promise<Page<TenantUsage>> {
  const { filters } = options;
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_TENANT_USAGE_PAGE_SIZE, 1), MAX_LIMIT);
  const offset = options.cursor ? decodeCursor(options.cursor, ZTenantUsageCursor).offset : 0;
  const window = resolveApiUsageWindow(filters, options.now);
  const usage = tenantUsageSql({ from: window.start, to: window.end, liveFrom: window.liveFrom }, filters);
  // Idle tenants are listed unless the filters ask about particular requests.
  const onlyActive = Boolean(filters.route || filters.method || filters.statusClass);
  const tenantCondition = filters.tenantId ? sql`t.id = ${filters.tenantId}::uuid` : sql`true`;
  const direction = options.direction === "asc" ? sql`asc` : sql`desc`;

  const result = await executor.execute<{
    tenant_id: string;
    tenant_name: string;
    slug: string;
    status: string;
    requests: string;
    errors: string;
    rate_limited: string;
    peak: string;
    override: number | null;
    plan_limit: number | null;
  }>(sql`
    with usage as (${usage}),
    ranked as (
      select t.id as tenant_id, t.name as tenant_name, t.slug, t.status,
             coalesce(usage.requests, 0) as requests, coalesce(usage.errors, 0) as errors,
             coalesce(usage.rate_limited, 0) as rate_limited, coalesce(usage.peak, 0) as peak,
             trl.requests_per_minute as override, p.api_rate_limit_per_minute as plan_limit,
             coalesce(trl.requests_per_minute, p.api_rate_limit_per_minute, ${DEFAULT_PUBLIC_API_LIMIT}) as effective_limit
        from tenants t
        ${onlyActive ? sql`join` : sql`left join`} usage on usage.tenant_id = t.id
        left join tenant_rate_limits trl on trl.tenant_id = t.id
        left join plans p on p.id = t.plan_id
       where ${tenantCondition}
    )
    select * from ranked
     order by ${SORT_SQL[options.sort ?? "requests"]} ${direction}, tenant_name, tenant_id
     limit ${limit + 1} offset ${offset}`);

  const rows = result.rows.slice(0, limit).map((row): TenantUsage => {
    const requests = toCount(row.requests);
    const errors = toCount(row.errors);
    const peak = toCount(row.peak);
    const { requestsPerMinute, source } = effectiveLimit(row.override, row.plan_limit);
    return {
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      slug: row.slug,
      status: row.status,
      requests,
      errors,
      errorRate: requests > 0 ? errors / requests : 0,
      rateLimited: toCount(row.rate_limited),
      peakMinuteRequests: peak,
      limit: requestsPerMinute,
      limitSource: source,
      peakPercentOfLimit: Math.round((peak / requestsPerMinute) * 100),
    };
  });
  return {
    data: rows,
    nextCursor: result.rows.length > limit ? encodeCursor({ offset: offset + limit }) : null,
  };
}
