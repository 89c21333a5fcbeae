import { PORTAL_ROUTES, type RouteDefinition, TENANT_ROUTES } from "../catalog";
import { DAY_MS, HOUR_MS } from "../ids";
import type { ApiUsageRow } from "../ingest-api-usage";
import { itemAt, type Random } from "../random";
import type { TenantProfile } from "./context";

export type ApiUsagePlan = {
  random: Random;
  tenants: readonly TenantProfile[];
  staffIds: readonly string[];
  /** Midnight UTC of the first day. */
  from: number;
  days: number;
  /** This many rows are spread over the days (none when no tenant was active), plus the rate-limit bursts. */
  total: number;
};

// Share of requests per UTC hour: US business hours (about 13:00–01:00 UTC) busy, nights quiet.
const LOCAL_HOUR_SHAPE = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.5, 1.45, 1.3, 1.4, 1.45, 1.4, 1.3, 1.1, 0.8, 0.6, 0.5, 0.4,
  0.3, 0.2,
];
const UTC_HOUR_SHAPE = LOCAL_HOUR_SHAPE.map((_, hour) => itemAt(LOCAL_HOUR_SHAPE, (hour + 18) % 24));
const WEEKDAY_SHAPE = [0.35, 1, 1.05, 1.05, 1, 0.9, 0.45];
const PORTAL_SHARE = 0.04;
const CLIENT_ERRORS = [
  [404, 45],
  [400, 25],
  [401, 12],
  [403, 8],
  [422, 10],
] as const;
const SERVER_ERRORS = [
  [500, 50],
  [502, 15],
  [503, 20],
  [504, 15],
] as const;

/** Splits `total` over `weights` proportionally, as whole numbers that add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0) return weights.map(() => 0);
  let cumulative = 0;
  let assigned = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.round((total * cumulative) / sum);
    const count = upTo - assigned;
    assigned = upTo;
    return count;
  });
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (const [index, weight] of weights.entries()) {
    sum += weight;
    cumulative[index] = sum;
  }
  return cumulative;
}

/** Index of the first cumulative weight above `roll` (binary search). */
function search(cumulative: Float64Array, roll: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) > roll) high = middle;
    else low = middle + 1;
  }
  return low;
}

function activeAt(tenant: TenantProfile, at: number): boolean {
  return tenant.activeSpans.some(([from, to]) => at >= from && at < to);
}

/** The key a tenant's integration calls the public API with at `at`: its newest one created before then. */
function keyAt(tenant: TenantProfile, at: number): string | null {
  let found: { id: string; createdAt: number } | null = null;
  for (const key of tenant.apiKeys) if (key.createdAt <= at && (!found || key.createdAt > found.createdAt)) found = key;
  return found?.id ?? null;
}

const isPublicApi = (route: RouteDefinition) => route.app === "tenant" && route.route.startsWith("/api/v1/");
const BURST_ROUTE = TENANT_ROUTES.find((route) => route.method === "GET" && route.route === "/api/v1/leads");

/**
 * Raw API requests with a believable shape: weekday peaks and quiet nights and weekends, volume
 * by tenant size and by how active each tenant is that day, ~1.5% 5xx (worse on a few bad hours),
 * some 4xx. Public API calls carry the tenant's API key (none before its first key exists). 429s
 * come only from the few tenants whose integration bursts up to and past its plan's per-minute
 * limit at peak hours: a burst's first `limit` requests of the minute pass, the rest are refused.
 * Yields rows day by day and hour by hour so memory stays flat; `lastUse` receives each key's
 * latest request.
 */
export function* generateApiUsage(plan: ApiUsagePlan, lastUse?: Map<string, number>): Generator<ApiUsageRow> {
  const { random } = plan;
  const tenantRoutes = cumulativeOf(TENANT_ROUTES.map((route) => route.share));
  const sessionRoutes = TENANT_ROUTES.filter((route) => !isPublicApi(route));
  const sessionCumulative = cumulativeOf(sessionRoutes.map((route) => route.share));
  const portalRoutes = cumulativeOf(PORTAL_ROUTES.map((route) => route.share));
  const activeByDay = Array.from({ length: plan.days }, (_, day) =>
    plan.tenants.filter((tenant) => activeAt(tenant, plan.from + day * DAY_MS + 12 * HOUR_MS)),
  );
  const dayWeights = activeByDay.map((active, day) => {
    const weekday = new Date(plan.from + day * DAY_MS).getUTCDay();
    const noon = plan.from + day * DAY_MS + 12 * HOUR_MS;
    return (
      itemAt(WEEKDAY_SHAPE, weekday) * active.reduce((sum, tenant) => sum + tenant.weight * tenant.activity(noon), 0)
    );
  });
  const perDay = apportion(plan.total, dayWeights);
  for (const [day, count] of perDay.entries()) {
    const active = itemAt(activeByDay, day);
    if (count === 0 || active.length === 0) continue;
    const noon = plan.from + day * DAY_MS + 12 * HOUR_MS;
    const tenantWeights = cumulativeOf(active.map((tenant) => tenant.weight * tenant.activity(noon)));
    const tenantTotal = tenantWeights[tenantWeights.length - 1] ?? 0;
    const dayStart = plan.from + day * DAY_MS;
    // One day in eight has a bad hour or two (a deploy, a provider outage).
    const badHour = random.chance(0.125) ? random.int(12, 23) : -1;
    for (const [hour, rows] of apportion(count, UTC_HOUR_SHAPE).entries()) {
      const serverErrorRate = hour === badHour || hour === badHour + 1 ? 0.12 : 0.012;
      const peak = (UTC_HOUR_SHAPE[hour] ?? 0) >= 1.3;
      // Requests arrive in time order, as they would live: the (id, at) key and the BRIN index then append.
      const offsets = new Float64Array(rows);
      for (let n = 0; n < rows; n++) offsets[n] = Math.floor(random.next() * HOUR_MS);
      offsets.sort();
      for (let n = 0; n < rows; n++) {
        const tenant = itemAt(active, search(tenantWeights, random.next() * tenantTotal));
        const portal = random.next() < PORTAL_SHARE;
        const at = dayStart + hour * HOUR_MS + (offsets[n] ?? 0);
        let route = portal
          ? itemAt(PORTAL_ROUTES, search(portalRoutes, random.next() * (portalRoutes[portalRoutes.length - 1] ?? 0)))
          : itemAt(TENANT_ROUTES, search(tenantRoutes, random.next() * (tenantRoutes[tenantRoutes.length - 1] ?? 0)));
        const apiKeyId = !portal && isPublicApi(route) ? keyAt(tenant, at) : null;
        // Before its first key a tenant cannot call the public API: the request is a signed-in one.
        if (!portal && isPublicApi(route) && apiKeyId === null) {
          route = itemAt(sessionRoutes, search(sessionCumulative, random.next() * (sessionCumulative.at(-1) ?? 0)));
        }
        if (apiKeyId) lastUse?.set(apiKeyId, Math.max(lastUse.get(apiKeyId) ?? 0, at));
        yield request(random, {
          route,
          at,
          status: statusOf(random, route, serverErrorRate),
          tenantId: portal && !route.route.includes("[id]") ? null : tenant.id,
          apiKeyId,
          actor: portal
            ? `staff:${random.pick(plan.staffIds)}`
            : apiKeyId
              ? `api_key:${apiKeyId}`
              : `member:${random.pick(tenant.actorIds)}`,
        });
      }
      if (peak && BURST_ROUTE)
        yield* bursts(random, { active, at: dayStart + hour * HOUR_MS, route: BURST_ROUTE, lastUse });
    }
  }
}

/** A heavy tenant's integration now and then syncs in one burst that reaches its per-minute limit. */
function* bursts(
  random: Random,
  input: { active: readonly TenantProfile[]; at: number; route: RouteDefinition; lastUse?: Map<string, number> },
): Generator<ApiUsageRow> {
  for (const tenant of input.active) {
    if (!tenant.heavy || !random.chance(0.04)) continue;
    const minute = input.at + random.int(0, 59) * 60_000;
    const apiKeyId = keyAt(tenant, minute);
    if (!apiKeyId) continue;
    const limit = tenant.rateLimitPerMinute;
    const size = Math.round(limit * (0.75 + random.next() * 0.5));
    const offsets = Array.from({ length: size }, () => Math.floor(random.next() * 60_000)).sort((a, b) => a - b);
    for (const [index, offset] of offsets.entries()) {
      input.lastUse?.set(apiKeyId, Math.max(input.lastUse.get(apiKeyId) ?? 0, minute + offset));
      yield request(random, {
        route: input.route,
        at: minute + offset,
        status: index < limit ? statusOf(random, input.route, 0.012) : 429,
        tenantId: tenant.id,
        apiKeyId,
        actor: `api_key:${apiKeyId}`,
      });
    }
  }
}

function statusOf(random: Random, route: RouteDefinition, serverErrorRate: number): number {
  const roll = random.next();
  if (roll < serverErrorRate) return random.weighted(SERVER_ERRORS);
  if (roll < serverErrorRate + 0.035) return random.weighted(CLIENT_ERRORS);
  return route.method === "POST" ? 201 : 200;
}

function request(
  random: Random,
  input: {
    route: RouteDefinition;
    at: number;
    status: number;
    tenantId: string | null;
    apiKeyId: string | null;
    actor: string;
  },
): ApiUsageRow {
  const { route, status } = input;
  const failed = status >= 400;
  const durationMs =
    status === 429
      ? random.int(1, 4)
      : status === 504
        ? random.int(10_000, 30_000)
        : Math.round(random.logNormal(route.medianMs * (status >= 500 ? 4 : 1), 0.55));
  return {
    id: random.uuid7(input.at),
    tenantId: input.tenantId,
    apiKeyId: input.apiKeyId,
    actor: input.actor,
    app: route.app,
    route: route.route,
    method: route.method,
    status,
    bytes: failed ? random.int(120, 600) : Math.round(random.logNormal(route.medianBytes, 0.45)),
    durationMs,
    at: input.at,
  };
}
