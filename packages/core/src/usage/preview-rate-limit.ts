import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { zCount, zNumberParam } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { getTenantRateLimitSetting, type RateLimitSource } from "./api-usage-rate-limit";
import { PUBLIC_API_ROUTE_PATTERN, toCount } from "./api-usage-source";

/** The highest per-minute limit staff can set (far above any plan; a typo guard, not a policy). */
export const MAX_REQUESTS_PER_MINUTE = 100_000;
export const RATE_LIMIT_PREVIEW_DAYS = 30;

// `?limit=120` arrives as text and a JSON body sends a number; `true` is neither.
export const ZRequestsPerMinute = zNumberParam(
  zCount("must be a whole number of requests per minute")
    .min(1, "must be at least 1 request per minute")
    .max(MAX_REQUESTS_PER_MINUTE, `must be at most ${MAX_REQUESTS_PER_MINUTE.toLocaleString("en-US")} per minute`),
);

export const ZPreviewRateLimit = z.object({ limit: ZRequestsPerMinute });

export type ReplayOutcome = {
  /** Requests over the limit in their minute: sum over minutes of max(0, requests − limit). */
  refusedRequests: number;
  /** Minutes that had more requests than the limit. */
  limitedMinutes: number;
};

export type RateLimitPreview = {
  tenantId: string;
  limit: number;
  current: { limit: number; source: RateLimitSource } & ReplayOutcome;
  from: Date;
  to: Date;
  /** Public API requests in the last 30 days (the replay's input). */
  requests: number;
  busiestMinute: { at: Date; requests: number } | null;
} & ReplayOutcome;

/**
 * "What would this limit have done?": replays the tenant's last 30 days of public API requests
 * (`/api/v1/*`, raw api_usage, per UTC minute, 429s included because the limiter counted them
 * too) against `limit` and against the limit in force today. The limiter counts per minute, so a
 * minute with n requests would have refused max(0, n − limit) of them. Per-calendar-minute
 * counting is an approximation of the limiter's windows; requests retried after a refusal are not
 * modelled.
 */
export async function previewRateLimit(
  options: { tenantId: string; limit: number; now?: Date },
  executor: Executor = db,
): Promise<RateLimitPreview> {
  const { limit } = parseInput(ZPreviewRateLimit, { limit: options.limit });
  const setting = await getTenantRateLimitSetting({ tenantId: options.tenantId }, executor);
  const to = options.now ?? new Date();
  const from = new Date(to.getTime() - RATE_LIMIT_PREVIEW_DAYS * 24 * 60 * 60 * 1000);
  const current = setting.requestsPerMinute;
  const result = await executor.execute<{
    requests: string | null;
    refused: string | null;
    limited_minutes: string;
    refused_current: string | null;
    limited_minutes_current: string;
    busiest_at: Date | string | null;
    busiest_requests: string | null;
  }>(sql`
    with per_minute as (
      select date_trunc('minute', u.at) as minute, count(*) as requests
        from api_usage u
       where u.tenant_id = ${setting.tenantId}::uuid
         and u.at >= ${from.toISOString()}::timestamptz and u.at < ${to.toISOString()}::timestamptz
         and u.app = 'tenant' and u.route like ${PUBLIC_API_ROUTE_PATTERN}
       group by 1
    ),
    busiest as (select minute, requests from per_minute order by requests desc, minute desc limit 1)
    select sum(requests) as requests,
           sum(greatest(requests - ${limit}, 0)) as refused,
           count(*) filter (where requests > ${limit}) as limited_minutes,
           sum(greatest(requests - ${current}, 0)) as refused_current,
           count(*) filter (where requests > ${current}) as limited_minutes_current,
           (select minute from busiest) as busiest_at,
           (select requests from busiest) as busiest_requests
      from per_minute`);
  const row = result.rows[0];
  return {
    tenantId: setting.tenantId,
    limit,
    from,
    to,
    requests: toCount(row?.requests),
    refusedRequests: toCount(row?.refused),
    limitedMinutes: toCount(row?.limited_minutes),
    current: {
      limit: current,
      source: setting.source,
      refusedRequests: toCount(row?.refused_current),
      limitedMinutes: toCount(row?.limited_minutes_current),
    },
    busiestMinute:
      row?.busiest_at && row.busiest_requests
        ? { at: new Date(row.busiest_at), requests: toCount(row.busiest_requests) }
        : null,
  };
}
