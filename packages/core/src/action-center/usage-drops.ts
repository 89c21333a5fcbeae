import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { USAGE_DROP_MIN_PRIOR_REQUESTS, USAGE_DROP_SHARE } from "./buckets";

/** A tenant whose API requests in the last 30 days fell below half of the 30 days before. */
export type UsageDrop = { tenantId: string; recent: number; prior: number };
export type UsageDropSource = (now: Date, executor: Executor) => Promise<UsageDrop[]>;

/**
 * The "usage down > 50 %" signal of tenantsAtRisk, from 60 days of hourly rollups. Its cost grows
 * with the rollup rows (every tenant × hour × route), not with the answer, so pages use
 * `cachedUsageDrops`; tests and one-off callers read it fresh.
 */
export const findUsageDrops: UsageDropSource = async (now, executor) => {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await executor.execute<{ tenant_id: string; recent: string; prior: string }>(sql`
    select tenant_id, recent, prior from (
      select tenant_id,
        coalesce(sum(requests) filter (where hour >= ${at} - interval '30 days'), 0)::bigint as recent,
        coalesce(sum(requests) filter (where hour < ${at} - interval '30 days'), 0)::bigint as prior
      from api_usage_rollups
      where hour >= ${at} - interval '60 days' and hour < ${at}
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
