import { db, type Executor } from "@pp/db";
import { plans, tenantRateLimits, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";

export const API_RATE_LIMIT_CACHE_MS = 30_000;

type Cached = { limit: number | undefined; expiresAt: number };
const cache = new Map<string, Cached>();

export type GetApiRateLimitOptions = {
  tenantId: string;
  /** The key's own limit, when it has one: it wins over the tenant's. */
  keyRateLimitPerMinute?: number | null;
  now?: Date;
};

/**
 * Public API requests per minute: the key's override, else the tenant's override
 * (`tenant_rate_limits`), else its plan's `api_rate_limit_per_minute`; undefined when the tenant
 * has none of these (the policy default applies). The tenant's part is cached 30 s per tenant,
 * so a changed limit reaches every instance within half a minute.
 */
export async function getApiRateLimit(
  options: GetApiRateLimitOptions,
  executor: Executor = db,
): Promise<number | undefined> {
  if (options.keyRateLimitPerMinute) return options.keyRateLimitPerMinute;
  const now = (options.now ?? new Date()).getTime();
  const cached = cache.get(options.tenantId);
  if (cached && cached.expiresAt > now) return cached.limit;

  const [row] = await executor
    .select({ override: tenantRateLimits.requestsPerMinute, plan: plans.apiRateLimitPerMinute })
    .from(tenants)
    .leftJoin(tenantRateLimits, eq(tenantRateLimits.tenantId, tenants.id))
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, options.tenantId))
    .limit(1);
  const limit = row?.override ?? row?.plan ?? undefined;
  cache.set(options.tenantId, { limit, expiresAt: now + API_RATE_LIMIT_CACHE_MS });
  return limit;
}

/** Forgets every cached tenant limit (tests, and after a limit is changed in this process). */
export function clearApiRateLimitCache(): void {
  cache.clear();
}
