import { db } from "@pp/db";
import {
  type ApiUsageInput,
  createApiUsageRollups,
  createSubscription,
  createTenant,
  ensureReferenceData,
  recordApiUsage,
  type Tenant,
} from "@pp/db/factories";
import { auditEvents, featureUsage, tenantRateLimits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { clearApiRateLimitCache, getApiRateLimit } from "../api-keys/get-api-rate-limit";
import { rejection, signedInStaff } from "../staff/testing";
import { scopedToTenant, type TApiUsageFilters } from "./api-usage-filters";
import { getApiUsageTrend } from "./get-api-usage-trend";
import { listEndpointUsage } from "./list-endpoint-usage";
import { listTenantUsage } from "./list-tenant-usage";
import { previewRateLimit } from "./preview-rate-limit";
import { NIL_TENANT_ID } from "./rollup-api-usage";
import { setTenantRateLimit } from "./set-tenant-rate-limit";
import { API_USAGE_CSV_COLUMNS, streamApiUsageCsv } from "./stream-api-usage-csv";

// The dashboard's "now": half past ten, so 10:00–10:30 is the hour in progress (read from raw rows).
const NOW = new Date("2025-06-15T10:30:00Z");
const at = (iso: string) => new Date(iso);
const LEADS = "/api/v1/leads";
const JOBS = "/api/v1/jobs";
const OVERVIEW = "/api/provider/tenants/[id]/overview";

let acme: Tenant;
let rival: Tenant;

/** Each minute's n requests, spread over its first seconds. */
function minuteOf(tenantId: string, minute: string, n: number, extra: ApiUsageInput = {}): ApiUsageInput[] {
  return Array.from({ length: n }, (_, index) => ({
    tenantId,
    route: LEADS,
    method: "GET",
    status: 200,
    durationMs: 20,
    bytes: 500,
    at: new Date(new Date(minute).getTime() + index * 1000),
    ...extra,
  }));
}

beforeAll(async () => {
  await ensureReferenceData(db);
  acme = await createTenant(db, { name: "Acme Plumbing" });
  rival = await createTenant(db, { name: "Rival Electric", trade: "electrical" });
  await createSubscription(db, { tenantId: acme.id, planCode: "basic" }); // 60 / minute
  await createSubscription(db, { tenantId: rival.id, planCode: "pro" }); // 300 / minute

  // Whole hours: what the rollup job would have written.
  await createApiUsageRollups(db, [
    {
      tenantId: acme.id,
      hour: at("2025-06-14T09:00:00Z"),
      requests: 100,
      bytes: 200_000,
      durationMsSum: 4_000,
      latencyBuckets: [10, 20, 30, 40, 0, 0, 0, 0, 0, 0, 0],
      peakMinuteRequests: 5,
    },
    {
      tenantId: acme.id,
      hour: at("2025-06-14T09:00:00Z"),
      statusClass: 4,
      requests: 20,
      errors: 10,
      rateLimited: 10,
      bytes: 4_000,
      durationMsSum: 100,
      latencyBuckets: [20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      peakMinuteRequests: 12,
    },
    {
      tenantId: acme.id,
      hour: at("2025-06-10T15:00:00Z"),
      method: "POST",
      statusClass: 5,
      requests: 4,
      errors: 4,
      bytes: 800,
      durationMsSum: 24_000,
      latencyBuckets: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2],
      peakMinuteRequests: 1,
    },
    // The prior 30 days.
    { tenantId: acme.id, hour: at("2025-05-10T12:00:00Z"), requests: 50, peakMinuteRequests: 3 },
    // A staff page about Acme: counted as Acme's traffic, not as public API traffic.
    {
      tenantId: acme.id,
      hour: at("2025-06-14T09:00:00Z"),
      app: "portal",
      route: OVERVIEW,
      requests: 7,
      peakMinuteRequests: 7,
    },
    // The hour in progress as the rollup job last saw it: raw rows are read for this hour instead.
    { tenantId: acme.id, hour: at("2025-06-15T10:00:00Z"), requests: 999 },
    {
      tenantId: rival.id,
      hour: at("2025-06-14T09:00:00Z"),
      route: JOBS,
      requests: 30,
      bytes: 15_000,
      durationMsSum: 2_100,
      latencyBuckets: [0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0],
      peakMinuteRequests: 3,
    },
    {
      tenantId: NIL_TENANT_ID,
      hour: at("2025-06-14T09:00:00Z"),
      app: "portal",
      route: "/api/provider/clients",
      requests: 6,
    },
  ]);

  await recordApiUsage(db, [
    // The hour in progress.
    { tenantId: acme.id, route: LEADS, status: 200, durationMs: 3, bytes: 1_000, at: at("2025-06-15T10:05:00Z") },
    { tenantId: acme.id, route: LEADS, status: 200, durationMs: 7, bytes: 1_000, at: at("2025-06-15T10:06:00Z") },
    { tenantId: acme.id, route: LEADS, status: 200, durationMs: 30, bytes: 1_000, at: at("2025-06-15T10:07:00Z") },
    { tenantId: acme.id, route: LEADS, status: 429, durationMs: 2, bytes: 100, at: at("2025-06-15T10:05:30Z") },
    {
      tenantId: acme.id,
      route: LEADS,
      method: "POST",
      status: 500,
      durationMs: 6_000,
      bytes: 200,
      at: at("2025-06-15T10:20:00Z"),
    },
    { tenantId: rival.id, route: JOBS, status: 200, durationMs: 60, bytes: 500, at: at("2025-06-15T10:10:00Z") },
    { tenantId: rival.id, route: JOBS, status: 200, durationMs: 80, bytes: 500, at: at("2025-06-15T10:10:20Z") },
    // Earlier raw rows: dashboards read these hours from rollups; the limit preview and the CSV read them.
    ...minuteOf(acme.id, "2025-06-01T12:00:00Z", 8),
    ...minuteOf(acme.id, "2025-06-01T12:01:00Z", 3),
    ...minuteOf(acme.id, "2025-06-02T08:00:00Z", 11),
    ...minuteOf(acme.id, "2025-06-02T08:00:30Z", 1, { status: 429 }),
    ...minuteOf(acme.id, "2025-06-02T08:00:40Z", 1, { app: "portal", route: OVERVIEW }),
    // Before the 30-day preview window and the 30-day dashboard range.
    ...minuteOf(acme.id, "2025-05-15T10:00:00Z", 20),
  ]);
});

const THIRTY_DAYS: TApiUsageFilters = { range: "30d" };

describe("getApiUsageTrend", () => {
  it("counts requests, errors and 429s per day against the prior 30 days", async () => {
    const trend = await getApiUsageTrend({ filters: THIRTY_DAYS, now: NOW });
    expect(trend.bucket).toBe("day");
    expect(trend.points).toHaveLength(30);
    expect(trend.points[0]?.start).toEqual(at("2025-05-17T00:00:00Z"));
    expect(trend.points[0]?.prior.start).toEqual(at("2025-04-17T00:00:00Z"));
    // Rollups 100 + 20 + 4 + 7 + 30 + 6 (not the in-progress rollup's 999) + 7 raw rows this hour.
    expect(trend.totals).toEqual({ requests: 174, errors: 15, rateLimited: 11 });
    expect(trend.priorTotals).toEqual({ requests: 50, errors: 0, rateLimited: 0 });
    const day = (iso: string) => trend.points.find((point) => point.start.toISOString() === iso);
    expect(day("2025-06-14T00:00:00.000Z")).toMatchObject({ requests: 163, errors: 10, rateLimited: 10 });
    expect(day("2025-06-10T00:00:00.000Z")).toMatchObject({ requests: 4, errors: 4, rateLimited: 0 });
    expect(day("2025-06-15T00:00:00.000Z")).toMatchObject({ requests: 7, errors: 1, rateLimited: 1 });
    // 2025-05-10 is day 23 of the prior period, beside day 23 of this one.
    expect(day("2025-06-09T00:00:00.000Z")?.prior).toMatchObject({ requests: 50, start: at("2025-05-10T00:00:00Z") });
  });

  it("applies the tenant, route, method and status class filters", async () => {
    const totals = async (filters: TApiUsageFilters) =>
      (await getApiUsageTrend({ filters: { ...THIRTY_DAYS, ...filters }, now: NOW })).totals;
    await expect(totals({ tenantId: acme.id })).resolves.toEqual({ requests: 136, errors: 15, rateLimited: 11 });
    await expect(totals({ tenantId: rival.id })).resolves.toEqual({ requests: 32, errors: 0, rateLimited: 0 });
    await expect(totals({ route: LEADS, method: "GET" })).resolves.toEqual({
      requests: 124,
      errors: 10,
      rateLimited: 11,
    });
    await expect(totals({ statusClass: "4xx" })).resolves.toEqual({ requests: 21, errors: 10, rateLimited: 11 });
    await expect(totals({ statusClass: "5xx", method: "POST" })).resolves.toEqual({
      requests: 5,
      errors: 5,
      rateLimited: 0,
    });
  });

  it("buckets the last 24 hours by the hour, the last one in progress", async () => {
    const trend = await getApiUsageTrend({ filters: { range: "24h", tenantId: acme.id }, now: NOW });
    expect(trend.bucket).toBe("hour");
    expect(trend.points).toHaveLength(24);
    expect(trend.points[0]?.start).toEqual(at("2025-06-14T11:00:00Z"));
    expect(trend.points.at(-1)).toMatchObject({ start: at("2025-06-15T10:00:00Z"), requests: 5 });
    // 2025-06-14 09:00 is before the window: the prior period's hour 22, beside 2025-06-15 09:00.
    expect(trend.totals.requests).toBe(5);
    expect(trend.priorTotals.requests).toBe(127);
    expect(trend.points[22]).toMatchObject({
      start: at("2025-06-15T09:00:00Z"),
      requests: 0,
      prior: { start: at("2025-06-14T09:00:00Z"), requests: 127 },
    });
  });

  it("reads a custom range of past days from rollups only", async () => {
    const trend = await getApiUsageTrend({
      filters: { range: "custom", from: "2025-06-10", to: "2025-06-14" },
      now: NOW,
    });
    expect(trend.points).toHaveLength(5);
    expect(trend.totals.requests).toBe(167);
    await expect(
      rejection(getApiUsageTrend({ filters: { range: "custom", from: "2025-06-14", to: "2025-06-10" }, now: NOW })),
    ).resolves.toMatchObject({ code: "validation_failed", details: [{ path: "from" }] });
  });
});

describe("listEndpointUsage", () => {
  it("breaks requests down by route and method, with estimated percentiles", async () => {
    const endpoints = await listEndpointUsage({ filters: THIRTY_DAYS, now: NOW });
    expect(endpoints.map((row) => [row.method, row.route, row.requests])).toEqual([
      ["GET", LEADS, 124],
      ["GET", JOBS, 32],
      ["GET", OVERVIEW, 7],
      ["GET", "/api/provider/clients", 6],
      ["POST", LEADS, 5],
    ]);
    const leads = endpoints[0];
    expect(leads).toMatchObject({
      app: "tenant",
      errors: 10,
      rateLimited: 11,
      bytes: 207_100,
      latencyBuckets: [32, 21, 30, 41, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(leads?.errorRate).toBeCloseTo(10 / 124, 10);
    expect(leads?.averageMs).toBe(33.4); // 4,142 ms / 124
    // Rank 62 falls in 10–25 ms after 53 faster requests: 10 + 15 × 9/30.
    expect(leads?.p50).toEqual({ ms: 14.5, aboveLastBound: false });
    // Ranks 117.8 and 122.76 fall in 25–50 ms after 83: 25 + 25 × 34.8/41 and 25 + 25 × 39.76/41.
    expect(leads?.p95).toEqual({ ms: 46.2, aboveLastBound: false });
    expect(leads?.p99).toEqual({ ms: 49.2, aboveLastBound: false });
    const posts = endpoints[4];
    expect(posts).toMatchObject({ errors: 5, errorRate: 1, latencyBuckets: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3] });
    expect(posts?.p50).toEqual({ ms: 5_000, aboveLastBound: true });
  });

  it("shows one tenant's endpoints only when scoped to it", async () => {
    const endpoints = await listEndpointUsage({ filters: scopedToTenant(THIRTY_DAYS, rival.id), now: NOW });
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({
      route: JOBS,
      requests: 32,
      bytes: 16_000,
      latencyBuckets: [0, 0, 0, 0, 32, 0, 0, 0, 0, 0, 0],
    });
    expect(endpoints[0]?.p50).toEqual({ ms: 75, aboveLastBound: false });
  });
});

describe("listTenantUsage", () => {
  it("lists requests, error rate, 429s and the peak minute against each tenant's limit", async () => {
    const page = await listTenantUsage({ filters: THIRTY_DAYS, now: NOW });
    const rows = page.data.filter((row) => row.tenantId === acme.id || row.tenantId === rival.id);
    expect(rows.map((row) => row.tenantName)).toEqual(["Acme Plumbing", "Rival Electric"]);
    expect(rows[0]).toMatchObject({
      requests: 136,
      errors: 15,
      rateLimited: 11,
      // 09:00 on Jun 14: the busiest minutes of the two public API rows, 5 + 12 (the staff page's 7 is not API traffic).
      peakMinuteRequests: 17,
      limit: 60,
      limitSource: "plan",
      peakPercentOfLimit: 28,
    });
    expect(rows[0]?.errorRate).toBeCloseTo(15 / 136, 10);
    expect(rows[1]).toMatchObject({
      requests: 32,
      errors: 0,
      peakMinuteRequests: 3,
      limit: 300,
      peakPercentOfLimit: 1,
    });
    // Portal requests about no tenant are not a row.
    expect(page.data.some((row) => row.tenantId === NIL_TENANT_ID)).toBe(false);
  });

  it("counts the hour in progress exactly from raw rows", async () => {
    const page = await listTenantUsage({ filters: { range: "24h", tenantId: acme.id }, now: NOW });
    expect(page.data).toEqual([
      expect.objectContaining({ tenantId: acme.id, requests: 5, errors: 1, rateLimited: 1, peakMinuteRequests: 2 }),
    ]);
  });

  it("keeps Client 360 to its own tenant and lists idle tenants with zeros", async () => {
    const idle = await createTenant(db, { name: "Idle Heating" });
    const scoped = await listTenantUsage({
      filters: scopedToTenant({ ...THIRTY_DAYS, tenantId: acme.id }, idle.id),
      now: NOW,
    });
    expect(scoped.data).toEqual([
      expect.objectContaining({
        tenantId: idle.id,
        requests: 0,
        peakMinuteRequests: 0,
        limit: 60,
        limitSource: "default",
      }),
    ]);
    // Asking about particular requests lists only tenants that made them.
    const routeOnly = await listTenantUsage({ filters: { ...THIRTY_DAYS, route: JOBS }, now: NOW });
    expect(routeOnly.data.map((row) => row.tenantId)).toEqual([rival.id]);
  });

  it("estimates a filtered peak per day from each group's busiest minute, never above the unfiltered peak", async () => {
    // A quiet September of its own, away from the other tests' windows.
    const now = at("2025-09-20T10:30:00Z");
    const burst = await createTenant(db, { name: "Burst Roofing" });
    await createApiUsageRollups(db, [
      { tenantId: burst.id, hour: at("2025-09-12T08:00:00Z"), route: LEADS, requests: 10, peakMinuteRequests: 4 },
      {
        tenantId: burst.id,
        hour: at("2025-09-12T09:00:00Z"),
        route: LEADS,
        statusClass: 4,
        requests: 8,
        errors: 8,
        peakMinuteRequests: 6,
      },
      { tenantId: burst.id, hour: at("2025-09-12T09:00:00Z"), route: JOBS, requests: 5, peakMinuteRequests: 5 },
    ]);
    const peakOf = async (filters: TApiUsageFilters) => {
      const page = await listTenantUsage({ filters: { range: "30d", tenantId: burst.id, ...filters }, now });
      return page.data.map((row) => [row.requests, row.errors, row.peakMinuteRequests]);
    };
    // Unfiltered: 09:00's 6 + 5 beats 08:00's 4.
    await expect(peakOf({})).resolves.toEqual([[23, 8, 11]]);
    // One group matches: its busiest minute, exact.
    await expect(peakOf({ route: LEADS, statusClass: "4xx" })).resolves.toEqual([[8, 8, 6]]);
    // Two groups peaking in different hours: 4 + 6 for the day (the hourly figure would be 6), under the 11 above.
    await expect(peakOf({ route: LEADS })).resolves.toEqual([[18, 8, 10]]);
    // Capped by the day's unfiltered peak: 4 + 6 + 5 = 15 becomes 11.
    await expect(peakOf({ method: "GET" })).resolves.toEqual([[23, 8, 11]]);
  });

  it("reads whole weeks per group and, late in the day, today whole minus the hour in progress", async () => {
    // Wednesday Oct 22 at 20:30: the 30 days hold the ISO weeks from Sep 29 to Oct 19, whole days
    // around them, and today, read whole minus its 20:00 hour (which raw rows count).
    const now = at("2025-10-22T20:30:00Z");
    const weekly = await createTenant(db, { name: "Weekly Drains" });
    await createApiUsageRollups(db, [
      { tenantId: weekly.id, hour: at("2025-09-24T11:00:00Z"), route: LEADS, requests: 3, peakMinuteRequests: 2 },
      // Monday and Wednesday of one week: the two /leads groups peak on different days.
      { tenantId: weekly.id, hour: at("2025-10-06T08:00:00Z"), route: LEADS, requests: 10, peakMinuteRequests: 4 },
      {
        tenantId: weekly.id,
        hour: at("2025-10-08T09:00:00Z"),
        route: LEADS,
        statusClass: 4,
        requests: 8,
        errors: 8,
        peakMinuteRequests: 6,
      },
      { tenantId: weekly.id, hour: at("2025-10-08T09:00:00Z"), route: JOBS, requests: 5, peakMinuteRequests: 5 },
      { tenantId: weekly.id, hour: at("2025-10-22T07:00:00Z"), route: LEADS, requests: 20, peakMinuteRequests: 9 },
      // The hour in progress as the rollup job last saw it, and its raw rows.
      { tenantId: weekly.id, hour: at("2025-10-22T20:00:00Z"), route: LEADS, requests: 3, peakMinuteRequests: 3 },
    ]);
    await recordApiUsage(db, minuteOf(weekly.id, "2025-10-22T20:05:00Z", 3));
    const rowOf = async (filters: TApiUsageFilters) => {
      const page = await listTenantUsage({ filters: { range: "30d", tenantId: weekly.id, ...filters }, now });
      return page.data.map((row) => [row.requests, row.errors, row.peakMinuteRequests]);
    };
    // Unfiltered: 3 + 10 + 8 + 5 + 20 + 3; the busiest public hour is Oct 8 09:00's 6 + 5.
    await expect(rowOf({})).resolves.toEqual([[49, 8, 11]]);
    // Both /leads groups: each one's busiest minute of that week, 4 + 6 (the days' figure would be 6),
    // under the 11 above; today's 20 and the 3 of the hour in progress counted once.
    await expect(rowOf({ route: LEADS })).resolves.toEqual([[44, 8, 10]]);
    // One group matches: its busiest minute, exact.
    await expect(rowOf({ route: LEADS, statusClass: "4xx" })).resolves.toEqual([[8, 8, 6]]);
    // Every group: 4 + 6 + 5 = 15 for the week, capped by its unfiltered peak of 11.
    await expect(rowOf({ method: "GET" })).resolves.toEqual([[49, 8, 11]]);
    // Early in the day today is read by the hour: the same counts, one hour later.
    const early = await listTenantUsage({
      filters: { range: "30d", tenantId: weekly.id, route: LEADS },
      now: at("2025-10-22T07:30:00Z"),
    });
    expect(early.data.map((row) => [row.requests, row.errors])).toEqual([[21, 8]]);
  });

  it("sorts and pages through the ranking", async () => {
    const byRateLimited = await listTenantUsage({ filters: THIRTY_DAYS, sort: "rateLimited", limit: 1, now: NOW });
    expect(byRateLimited.data.map((row) => row.tenantId)).toEqual([acme.id]);
    expect(byRateLimited.nextCursor).not.toBeNull();
    const second = await listTenantUsage({
      filters: THIRTY_DAYS,
      sort: "rateLimited",
      limit: 1,
      cursor: byRateLimited.nextCursor ?? undefined,
      now: NOW,
    });
    expect(second.data).toHaveLength(1);
    expect(second.data[0]?.tenantId).not.toBe(acme.id);
  });
});

describe("previewRateLimit", () => {
  it("replays the last 30 days of public API minutes against a new limit", async () => {
    // Acme's public API minutes in the window: 8, 3, 12 (one of them a 429), then 2, 1, 1, 1 this hour.
    const preview = await previewRateLimit({ tenantId: acme.id, limit: 5, now: NOW });
    expect(preview).toMatchObject({
      limit: 5,
      requests: 28,
      refusedRequests: 3 + 7,
      limitedMinutes: 2,
      current: { limit: 60, source: "plan", refusedRequests: 0, limitedMinutes: 0 },
      busiestMinute: { at: at("2025-06-02T08:00:00Z"), requests: 12 },
    });
    await expect(previewRateLimit({ tenantId: acme.id, limit: 10, now: NOW })).resolves.toMatchObject({
      refusedRequests: 2,
      limitedMinutes: 1,
    });
    await expect(previewRateLimit({ tenantId: acme.id, limit: 12, now: NOW })).resolves.toMatchObject({
      refusedRequests: 0,
      limitedMinutes: 0,
    });
  });

  it("reads only the tenant's own requests", async () => {
    await expect(previewRateLimit({ tenantId: rival.id, limit: 1, now: NOW })).resolves.toMatchObject({
      requests: 2,
      refusedRequests: 1,
      limitedMinutes: 1,
    });
  });

  it("refuses a limit that is not a positive whole number, and an unknown tenant", async () => {
    await expect(rejection(previewRateLimit({ tenantId: acme.id, limit: 0, now: NOW }))).resolves.toMatchObject({
      code: "validation_failed",
      details: [{ path: "limit" }],
    });
    await expect(
      rejection(previewRateLimit({ tenantId: "0190a0b0-0000-7000-8000-000000000000", limit: 5 })),
    ).resolves.toMatchObject({ code: "not_found" });
  });
});

describe("setTenantRateLimit", () => {
  it("upserts the override, audits before/after, records RateLimitEdit, and the API limit follows", async () => {
    const tenant = await createTenant(db, { name: "Busy Rooter" });
    await createSubscription(db, { tenantId: tenant.id, planCode: "pro" });
    const { actor } = await signedInStaff("operations");

    const saved = await setTenantRateLimit({
      tenantId: tenant.id,
      requestsPerMinute: 450,
      reason: "Nightly sync from their CRM",
      actor,
      context: { requestId: "req-rate-1" },
    });
    expect(saved).toMatchObject({
      requestsPerMinute: 450,
      source: "override",
      planLimit: 300,
      effectiveWithinSeconds: 30,
    });
    const [row] = await db.select().from(tenantRateLimits).where(eq(tenantRateLimits.tenantId, tenant.id));
    expect(row).toMatchObject({
      requestsPerMinute: 450,
      reason: "Nightly sync from their CRM",
      updatedBy: actor.userId,
    });
    clearApiRateLimitCache();
    await expect(getApiRateLimit({ tenantId: tenant.id })).resolves.toBe(450);

    await setTenantRateLimit({ tenantId: tenant.id, requestsPerMinute: 500, reason: "More headroom", actor });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "usage.rate_limit_changed")))
      .orderBy(auditEvents.at);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actorType: "staff",
      actorId: actor.userId,
      targetType: "tenant",
      targetId: tenant.id,
      requestId: "req-rate-1",
      before: { requestsPerMinute: 300, source: "plan", override: null, planLimit: 300 },
      after: { requestsPerMinute: 450, source: "override", override: 450, planLimit: 300 },
      metadata: { reason: "Nightly sync from their CRM" },
    });
    expect(events[1]).toMatchObject({ before: { requestsPerMinute: 450 }, after: { requestsPerMinute: 500 } });
    const uses = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "RateLimitEdit")));
    expect(uses).toHaveLength(2);
    expect(uses[0]).toMatchObject({ app: "portal", userId: actor.userId });

    // Null removes the override: the plan's limit applies again.
    const cleared = await setTenantRateLimit({
      tenantId: tenant.id,
      requestsPerMinute: null,
      reason: "Sync finished",
      actor,
    });
    expect(cleared).toMatchObject({ requestsPerMinute: 300, source: "plan", override: null });
    await expect(getApiRateLimit({ tenantId: tenant.id })).resolves.toBe(300);
  });

  it("refuses bad input naming the field, and an unknown tenant, without writing anything", async () => {
    const { actor } = await signedInStaff("operations");
    await expect(
      rejection(setTenantRateLimit({ tenantId: acme.id, requestsPerMinute: 0, reason: "Too many", actor })),
    ).resolves.toMatchObject({ code: "validation_failed", details: [{ path: "requestsPerMinute" }] });
    await expect(
      rejection(setTenantRateLimit({ tenantId: acme.id, requestsPerMinute: 100, reason: " ", actor })),
    ).resolves.toMatchObject({ code: "validation_failed", details: [{ path: "reason" }] });
    await expect(
      rejection(
        setTenantRateLimit({
          tenantId: "0190a0b0-0000-7000-8000-000000000000",
          requestsPerMinute: 100,
          reason: "x y z",
          actor,
        }),
      ),
    ).resolves.toMatchObject({ code: "not_found" });
    const rows = await db.select().from(tenantRateLimits).where(eq(tenantRateLimits.tenantId, acme.id));
    expect(rows).toEqual([]);
  });
});

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return text.split("\r\n").filter((line) => line.length > 0);
}

describe("streamApiUsageCsv", () => {
  it("streams every matching raw request, newest first, under a header", async () => {
    const lines = await readCsv(streamApiUsageCsv({ filters: { ...THIRTY_DAYS, tenantId: acme.id }, now: NOW }));
    expect(lines[0]).toBe(API_USAGE_CSV_COLUMNS.join(","));
    // 5 this hour + 8 + 3 + 11 + 1 + 1 earlier; the 20 on May 15 are before the range.
    expect(lines).toHaveLength(1 + 29);
    expect(lines[1]).toMatch(
      /^2025-06-15T10:20:00\.000Z,[0-9a-f-]{36},Acme Plumbing,tenant,\/api\/v1\/leads,POST,500,6000,200,/,
    );
    expect(lines.at(-1)).toMatch(/^2025-06-01T12:00:00\.000Z,/);
    const times = lines.slice(1).map((line) => line.slice(0, 24));
    expect(times).toEqual([...times].sort().reverse());
  });

  it("gives the same rows in small batches as in one", async () => {
    const whole = await readCsv(streamApiUsageCsv({ filters: THIRTY_DAYS, now: NOW }));
    const batched = await readCsv(streamApiUsageCsv({ filters: THIRTY_DAYS, now: NOW, batchSize: 3 }));
    expect(whole).toHaveLength(1 + 29 + 2);
    expect(batched).toEqual(whole);
    expect(new Set(batched.map((line) => line.split(",").at(-1))).size).toBe(whole.length);
  });

  it("respects the route, method, status class and tenant filters", async () => {
    const rateLimited = await readCsv(
      streamApiUsageCsv({ filters: { ...THIRTY_DAYS, tenantId: acme.id, statusClass: "4xx" }, now: NOW }),
    );
    expect(rateLimited.slice(1).map((line) => line.split(",")[6])).toEqual(["429", "429"]);
    const rivalJobs = await readCsv(
      streamApiUsageCsv({ filters: { ...THIRTY_DAYS, route: JOBS, method: "GET" }, now: NOW }),
    );
    expect(rivalJobs.slice(1).every((line) => line.includes(`${rival.id},Rival Electric,tenant,${JOBS},GET,200`))).toBe(
      true,
    );
    expect(rivalJobs).toHaveLength(3);
    const none = await readCsv(streamApiUsageCsv({ filters: { ...THIRTY_DAYS, method: "DELETE" }, now: NOW }));
    expect(none).toEqual([API_USAGE_CSV_COLUMNS.join(",")]);
  });
});
