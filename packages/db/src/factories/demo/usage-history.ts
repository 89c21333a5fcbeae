import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import * as schema from "../../schema";
import { refreshApiUsageRollupLevels } from "../../usage-rollup-levels";
import { TENANT_ROUTES } from "../catalog";
import { CopyBuffer, copyBuffer } from "../copy";
import { DAY_MS, HOUR_MS } from "../ids";
import { itemAt, type Random } from "../random";
import type { TenantProfile } from "./context";

// Kept in step with generate-api-usage.ts: the same weekday shape, so history and raw days join up.
const WEEKDAY_SHAPE = [0.35, 1, 1.05, 1.05, 1, 0.9, 0.45];
const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
const COLUMNS = [
  "hour",
  "tenant_id",
  "app",
  "route",
  "method",
  "status_class",
  "requests",
  "errors",
  "rate_limited",
  "bytes",
  "duration_ms_sum",
  "latency_buckets",
  "peak_minute_requests",
] as const;

export type UsageHistoryPlan = {
  random: Random;
  tenants: readonly TenantProfile[];
  /** The raw window the generator fills: [rawFrom, rawFrom + rawDays days), with `rawTotal` rows. */
  rawFrom: number;
  rawDays: number;
  rawTotal: number;
  /** History starts here (midnight UTC). */
  from: number;
};

function activeAt(tenant: TenantProfile, at: number): boolean {
  return tenant.activeSpans.some(([from, to]) => at >= from && at < to);
}

/**
 * Raw requests are kept 30 days; older usage lives only in the rollups. The demo writes that older
 * history straight into the hourly per-tenant rollups — each tenant's day as a few route groups at
 * business hours, at the volume the raw window has per unit of tenant weight, scaled by the
 * tenant's activity that day (a slipping tenant's usage decays months before it leaves) — then
 * derives the coarser levels with the same function the rollup job uses. Charts over any range
 * then have every month, and the health backtest reads real usage trends.
 */
export async function writeUsageHistory(client: pg.PoolClient, plan: UsageHistoryPlan): Promise<number> {
  const { random } = plan;
  const rawUnits = rawWeight(plan);
  const perUnit = rawUnits > 0 ? plan.rawTotal / rawUnits : 0;
  const buffer = new CopyBuffer("api_usage_rollups", COLUMNS);
  const shares = TENANT_ROUTES.map((route) => [route, route.share] as const);
  for (let day = plan.from; day < plan.rawFrom; day += DAY_MS) {
    const shape = itemAt(WEEKDAY_SHAPE, new Date(day).getUTCDay());
    for (const tenant of plan.tenants) {
      const noon = day + 12 * HOUR_MS;
      if (!activeAt(tenant, noon)) continue;
      const expected = perUnit * shape * tenant.weight * tenant.activity(noon) * random.logNormal(1, 0.2);
      const requests = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
      if (requests === 0) continue;
      const errors = Math.round(requests * 0.035 * random.next() * 2);
      const serverErrors = random.chance(0.3) ? Math.max(1, Math.round(requests * 0.012)) : 0;
      const ok = requests - errors - serverErrors;
      // Two or three route groups for the successes (distinct routes: one row per key), one each for the errors.
      const groups = new Map<(typeof TENANT_ROUTES)[number], number>();
      let left = ok;
      for (let group = random.int(2, 3); group > 0 && left > 0; group--) {
        const count = group === 1 ? left : Math.round(left * (0.4 + random.next() * 0.3));
        left -= count;
        const route = random.weighted(shares);
        groups.set(route, (groups.get(route) ?? 0) + count);
      }
      for (const [route, count] of groups) {
        if (count > 0) row(buffer, random, { day, tenant, route, statusClass: 2, count });
      }
      if (errors > 0)
        row(buffer, random, { day, tenant, route: random.weighted(shares), statusClass: 4, count: errors });
      if (serverErrors > 0) {
        row(buffer, random, { day, tenant, route: random.weighted(shares), statusClass: 5, count: serverErrors });
      }
    }
    if (Math.round((day - plan.from) / DAY_MS) % 30 === 29) await copyBuffer(client, buffer);
  }
  await copyBuffer(client, buffer);
  // Every level of every hour the history covers (and any stale global hours of an earlier demo).
  const executor = drizzle({ client, schema, casing: "snake_case" });
  const earliest = await client.query<{ hour: Date | null }>(
    "select min(hour) as hour from api_usage_rollups_hourly_global",
  );
  const from = Math.min(plan.from, earliest.rows[0]?.hour?.getTime() ?? plan.from);
  if (from < plan.rawFrom) {
    await refreshApiUsageRollupLevels(executor, { from: new Date(from), to: new Date(plan.rawFrom) });
  }
  return buffer.rows;
}

/** Σ over the raw days of weekday shape × active tenants' weight × activity: what rawTotal is spread over. */
function rawWeight(plan: UsageHistoryPlan): number {
  let units = 0;
  for (let day = 0; day < plan.rawDays; day++) {
    const noon = plan.rawFrom + day * DAY_MS + 12 * HOUR_MS;
    const shape = itemAt(WEEKDAY_SHAPE, new Date(noon).getUTCDay());
    for (const tenant of plan.tenants) {
      if (activeAt(tenant, noon)) units += shape * tenant.weight * tenant.activity(noon);
    }
  }
  return units;
}

function row(
  buffer: CopyBuffer,
  random: Random,
  input: {
    day: number;
    tenant: TenantProfile;
    route: (typeof TENANT_ROUTES)[number];
    statusClass: number;
    count: number;
  },
): void {
  const { route, count, statusClass } = input;
  const median = route.medianMs * (statusClass === 5 ? 4 : 1);
  const bucket = LATENCY_BOUNDS_MS.findIndex((bound) => median <= bound);
  const buckets = Array.from({ length: LATENCY_BOUNDS_MS.length + 1 }, () => 0);
  buckets[bucket === -1 ? LATENCY_BOUNDS_MS.length : bucket] = count;
  // US business hours in UTC.
  const hour = input.day + random.int(14, 23) * HOUR_MS;
  buffer.add([
    new Date(hour),
    input.tenant.id,
    route.app,
    route.route,
    route.method,
    statusClass,
    count,
    statusClass >= 4 ? count : 0,
    0,
    Math.round(count * (statusClass >= 4 ? 300 : route.medianBytes)),
    Math.round(count * median),
    buckets,
    Math.max(1, Math.ceil(count / 20)),
  ]);
}
