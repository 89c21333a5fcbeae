import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { clampToStorable } from "../input/storable";
import { zDay } from "../input/zod-pieces";
import { RAW_ERROR, RAW_RATE_LIMITED, sliceUsage, toCount } from "./api-usage-source";
import { startOfHour } from "./rollup-api-usage";

const DAY_MS = 86_400_000;
export const MAX_TENANT_USAGE_DAYS = 90;
export const DEFAULT_TENANT_USAGE_DAYS = 7;

export const ZTenantUsageQuery = z
  .object({
    from: zDay("must be a date like 2026-01-31")
      .optional()
      .meta({ description: "First UTC day (inclusive); default 6 days before `to`" }),
    to: zDay("must be a date like 2026-01-31")
      .optional()
      .meta({ description: "Last UTC day (inclusive); default today" }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    message: "must be on or after from",
  });
export type TTenantUsageQuery = z.output<typeof ZTenantUsageQuery>;

export type TenantUsageRow = {
  day: string;
  route: string;
  method: string;
  requests: number;
  errors: number;
  rateLimited: number;
  bytes: number;
  avgDurationMs: number;
};

export type TenantUsage = {
  from: string;
  to: string;
  totals: { requests: number; errors: number; rateLimited: number; bytes: number };
  days: TenantUsageRow[];
};

/**
 * A tenant's own API usage by UTC day × route × method: whole hours from api_usage_rollups, the hour
 * in progress from raw api_usage (so a call shows up as soon as its row is written, never twice).
 */
export async function getTenantUsage(
  options: TTenantUsageQuery & { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<TenantUsage> {
  const now = options.now ?? new Date();
  const to = options.to ?? now.toISOString().slice(0, 10);
  const from =
    options.from ?? new Date(Date.parse(to) - (DEFAULT_TENANT_USAGE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_TENANT_USAGE_DAYS) {
    throw new AppError("validation_failed", `Invalid query parameter "from": at most ${MAX_TENANT_USAGE_DAYS} days`, {
      details: [{ path: "from", message: `the window is at most ${MAX_TENANT_USAGE_DAYS} days` }],
    });
  }
  // A window that starts before year 1 (to=0001-01-03) starts at year 1: nothing older is stored.
  const start = clampToStorable(new Date(`${from}T00:00:00Z`));
  const endOfTo = new Date(Date.parse(to) + DAY_MS);
  const end = endOfTo < now ? endOfTo : now;
  const slices = sliceUsage({ from: start, to: new Date(Math.max(end.getTime(), start.getTime())) }, startOfHour(now));
  const parts = [];
  if (slices.rollups) {
    parts.push(sql`
      select to_char(r.hour at time zone 'UTC', 'YYYY-MM-DD') as day, r.route, r.method,
             sum(r.requests) as requests, sum(r.errors) as errors, sum(r.rate_limited) as rate_limited,
             sum(r.bytes) as bytes, sum(r.duration_ms_sum) as duration_ms
      from api_usage_rollups r
      where r.tenant_id = ${options.tenantId}::uuid and r.app = 'tenant'
        and r.hour >= ${slices.rollups.from.toISOString()}::timestamptz and r.hour < ${slices.rollups.to.toISOString()}::timestamptz
      group by 1, 2, 3`);
  }
  if (slices.raw) {
    parts.push(sql`
      select to_char(u.at at time zone 'UTC', 'YYYY-MM-DD') as day, u.route, u.method,
             count(*) as requests, count(*) filter (where ${RAW_ERROR}) as errors,
             count(*) filter (where ${RAW_RATE_LIMITED}) as rate_limited,
             sum(u.bytes) as bytes, sum(u.duration_ms) as duration_ms
      from api_usage u
      where u.tenant_id = ${options.tenantId}::uuid and u.app = 'tenant'
        and u.at >= ${slices.raw.from.toISOString()}::timestamptz and u.at < ${slices.raw.to.toISOString()}::timestamptz
      group by 1, 2, 3`);
  }
  const rows: TenantUsageRow[] = [];
  if (parts.length > 0) {
    const result = await executor.execute<Record<string, unknown>>(sql`
      select day, route, method, sum(requests) as requests, sum(errors) as errors,
             sum(rate_limited) as rate_limited, sum(bytes) as bytes, sum(duration_ms) as duration_ms
      from (${sql.join(parts, sql` union all `)}) parts
      group by day, route, method
      order by day, route, method`);
    for (const row of result.rows) {
      const requests = toCount(row.requests);
      rows.push({
        day: String(row.day),
        route: String(row.route),
        method: String(row.method),
        requests,
        errors: toCount(row.errors),
        rateLimited: toCount(row.rate_limited),
        bytes: toCount(row.bytes),
        avgDurationMs: requests ? Math.round((toCount(row.duration_ms) / requests) * 10) / 10 : 0,
      });
    }
  }
  const totals = rows.reduce(
    (sum, row) => ({
      requests: sum.requests + row.requests,
      errors: sum.errors + row.errors,
      rateLimited: sum.rateLimited + row.rateLimited,
      bytes: sum.bytes + row.bytes,
    }),
    { requests: 0, errors: 0, rateLimited: 0, bytes: 0 },
  );
  return { from, to, totals, days: rows };
}
