import type { Executor } from "@pp/db";
import { addDays } from "@pp/db/dates";
import { sql } from "drizzle-orm";
import { floorToDay } from "../usage/api-usage-filters";
import { USAGE_DROP_MIN_PRIOR_REQUESTS, USAGE_DROP_SHARE } from "./buckets";

/** A tenant whose API requests in the last 30 days fell below half of the 30 days before. */
export type UsageDrop = { tenantId: string; recent: number; prior: number };
export type UsageDropSource = (now: Date, executor: Executor) => Promise<UsageDrop[]>;

/**
 * The "usage down > 50 %" signal of tenantsAtRisk: per tenant, requests in the 30 whole UTC days
 * before today against the 30 days before those, from the day × tenant rollup level (one row per
 * tenant and day, so the cost grows with tenants × 60, not with routes and hours; today's partial
 * day is left out so both halves are whole days). Pages still use `cachedUsageDrops`; tests and
 * one-off callers read it fresh.
 */
export const findUsageDrops: UsageDropSource = async (now, executor) => {
  // Day bounds as constants: an expression per row would be evaluated for every row read.
  const today = floorToDay(now);
  const day = (daysBack: number) => sql`${addDays(today, -daysBack).toISOString()}::timestamptz`;
  const result = await executor.execute<{ tenant_id: string; recent: string; prior: string }>(sql`
    select tenant_id, recent, prior from (
      select tenant_id,
        coalesce(sum(requests) filter (where day >= ${day(30)}), 0)::bigint as recent,
        coalesce(sum(requests) filter (where day < ${day(30)}), 0)::bigint as prior
      from api_usage_rollups_daily_tenants
      where day >= ${day(60)} and day < ${day(0)}
      group by tenant_id
    ) usage
    where prior >= ${sql.raw(String(USAGE_DROP_MIN_PRIOR_REQUESTS))}
      and recent < prior * ${sql.raw(String(USAGE_DROP_SHARE))}`);
  return result.rows.map((row) => ({ tenantId: row.tenant_id, recent: Number(row.recent), prior: Number(row.prior) }));
};

/** Rollups change once an hour; a usage trend this old is still the same answer. */
export const USAGE_DROPS_MAX_AGE_MS = 15 * 60 * 1000;

let cached: { computedAt: number; drops: Promise<UsageDrop[]> } | undefined;
let refreshing: Promise<UsageDrop[]> | undefined;

/**
 * `findUsageDrops` computed at most once per 15 minutes per process: the first caller waits for
 * it; after that a stale value is served while one background refresh replaces it.
 */
export const cachedUsageDrops: UsageDropSource = (now, executor) => {
  const age = cached ? Date.now() - cached.computedAt : Number.POSITIVE_INFINITY;
  if (cached && age <= USAGE_DROPS_MAX_AGE_MS) return cached.drops;
  if (!refreshing) {
    const started = Date.now();
    refreshing = findUsageDrops(now, executor)
      .then((drops) => {
        cached = { computedAt: started, drops: Promise.resolve(drops) };
        return drops;
      })
      .finally(() => {
        refreshing = undefined;
      });
  }
  return cached ? cached.drops : refreshing;
};
