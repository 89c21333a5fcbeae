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
  /** Exactly this many rows are generated (none when no tenant was active in the window). */
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

/**
 * Raw API requests with a believable shape: weekday peaks and quiet nights and weekends, volume
 * by tenant size, ~1.5% 5xx (worse on a few bad hours), some 4xx, 429s from tenants that push
 * their rate limit at peak. Yields rows day by day and hour by hour so memory stays flat.
 */
export function* generateApiUsage(plan: ApiUsagePlan): Generator<ApiUsageRow> {
  const { random } = plan;
  const tenantRoutes = cumulativeOf(TENANT_ROUTES.map((route) => route.share));
  const portalRoutes = cumulativeOf(PORTAL_ROUTES.map((route) => route.share));
  const activeByDay = Array.from({ length: plan.days }, (_, day) =>
    plan.tenants.filter((tenant) => activeAt(tenant, plan.from + day * DAY_MS + 12 * HOUR_MS)),
  );
  const dayWeights = activeByDay.map((active, day) => {
    const weekday = new Date(plan.from + day * DAY_MS).getUTCDay();
    return itemAt(WEEKDAY_SHAPE, weekday) * active.reduce((sum, tenant) => sum + tenant.weight, 0);
  });
  const perDay = apportion(plan.total, dayWeights);
  for (const [day, count] of perDay.entries()) {
    const active = itemAt(activeByDay, day);
    if (count === 0 || active.length === 0) continue;
    const tenantWeights = cumulativeOf(active.map((tenant) => tenant.weight));
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
        const route = portal
          ? itemAt(PORTAL_ROUTES, search(portalRoutes, random.next() * (portalRoutes[portalRoutes.length - 1] ?? 0)))
          : itemAt(TENANT_ROUTES, search(tenantRoutes, random.next() * (tenantRoutes[tenantRoutes.length - 1] ?? 0)));
        const at = dayStart + hour * HOUR_MS + (offsets[n] ?? 0);
        const rateLimitRate = tenant.heavy && peak ? 0.06 : 0.003;
        yield request(random, {
          route,
          at,
          status: statusOf(random, route, serverErrorRate, rateLimitRate),
          tenantId: portal && !route.route.includes("[id]") ? null : tenant.id,
          actor: portal ? random.pick(plan.staffIds) : random.pick(tenant.actorIds),
        });
      }
    }
  }
}

function statusOf(random: Random, route: RouteDefinition, serverErrorRate: number, rateLimitRate: number): number {
  const roll = random.next();
  if (roll < serverErrorRate) return random.weighted(SERVER_ERRORS);
  if (roll < serverErrorRate + rateLimitRate) return 429;
  if (roll < serverErrorRate + rateLimitRate + 0.035) return random.weighted(CLIENT_ERRORS);
  return route.method === "POST" ? 201 : 200;
}

function request(
  random: Random,
  input: { route: RouteDefinition; at: number; status: number; tenantId: string | null; actor: string },
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
    apiKeyId: null,
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
