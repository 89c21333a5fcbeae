import { db } from "@pp/db";
import { startOfWeek, WEEK_MS } from "@pp/db/dates";
import { createApiUsageRollups, createTenant, recordApiUsage } from "@pp/db/factories";
import {
  apiUsage,
  apiUsageRollups,
  apiUsageRollupsDaily,
  apiUsageRollupsDailyTenants,
  apiUsageRollupsHourlyGlobal,
  apiUsageRollupsHourlyTenants,
  apiUsageRollupsWeekly,
} from "@pp/db/schema";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyUsageRetention } from "./retention-api-usage";
import { NIL_TENANT_ID, rollupApiUsage } from "./rollup-api-usage";
import { rollupRecentApiUsage } from "./rollup-recent-api-usage";

const at = (iso: string) => new Date(`${iso}Z`);

async function rollupsOf(tenantId: string) {
  return db
    .select()
    .from(apiUsageRollups)
    .where(eq(apiUsageRollups.tenantId, tenantId))
    .orderBy(asc(apiUsageRollups.hour), asc(apiUsageRollups.route), asc(apiUsageRollups.statusClass));
}

const DAY_MS = 24 * 60 * 60 * 1000;
type Measures = {
  requests: number;
  errors: number;
  rateLimited: number;
  bytes: number;
  durationMsSum: number;
  latencyBuckets: number[];
  peakMinuteRequests: number;
};

/**
 * The global hourly and daily levels over [from, to) (whole UTC days) next to the same sums
 * computed here, independently, from the per-tenant hourly rows.
 */
async function levelsAndExpected(range: { from: Date; to: Date }) {
  const hourly = await db
    .select()
    .from(apiUsageRollups)
    .where(and(gte(apiUsageRollups.hour, range.from), lt(apiUsageRollups.hour, range.to)));
  const sum = (into: Map<string, Measures>, key: string, row: Measures, peak: (a: number, b: number) => number) => {
    const seen = into.get(key);
    if (!seen) {
      into.set(key, { ...row, latencyBuckets: [...row.latencyBuckets] });
      return;
    }
    seen.requests += row.requests;
    seen.errors += row.errors;
    seen.rateLimited += row.rateLimited;
    seen.bytes += row.bytes;
    seen.durationMsSum += row.durationMsSum;
    seen.latencyBuckets = seen.latencyBuckets.map((count, index) => count + (row.latencyBuckets[index] ?? 0));
    seen.peakMinuteRequests = peak(seen.peakMinuteRequests, row.peakMinuteRequests);
  };
  const measures = (row: Measures): Measures => ({
    requests: row.requests,
    errors: row.errors,
    rateLimited: row.rateLimited,
    bytes: row.bytes,
    durationMsSum: row.durationMsSum,
    latencyBuckets: row.latencyBuckets,
    peakMinuteRequests: row.peakMinuteRequests,
  });
  const expectedGlobal = new Map<string, Measures>();
  const expectedDaily = new Map<string, Measures>();
  for (const row of hourly) {
    const group = `${row.app} ${row.route} ${row.method} ${row.statusClass}`;
    const day = new Date(Math.floor(row.hour.getTime() / DAY_MS) * DAY_MS).toISOString();
    sum(expectedGlobal, `${row.hour.toISOString()} ${group}`, measures(row), (a, b) => a + b);
    sum(expectedDaily, `${day} ${row.tenantId} ${group}`, measures(row), Math.max);
  }
  const global = await db
    .select()
    .from(apiUsageRollupsHourlyGlobal)
    .where(and(gte(apiUsageRollupsHourlyGlobal.hour, range.from), lt(apiUsageRollupsHourlyGlobal.hour, range.to)));
  const daily = await db
    .select()
    .from(apiUsageRollupsDaily)
    .where(and(gte(apiUsageRollupsDaily.day, range.from), lt(apiUsageRollupsDaily.day, range.to)));
  // Per day × tenant: the counts, and the busiest hour's summed public API (/api/v1) peaks.
  type TenantDay = { requests: number; errors: number; rateLimited: number; publicPeakMinuteRequests: number };
  const hourPeaks = new Map<string, number>();
  const expectedDailyTenants = new Map<string, TenantDay>();
  for (const row of hourly) {
    const day = new Date(Math.floor(row.hour.getTime() / DAY_MS) * DAY_MS).toISOString();
    const key = `${day} ${row.tenantId}`;
    const seen = expectedDailyTenants.get(key) ?? {
      requests: 0,
      errors: 0,
      rateLimited: 0,
      publicPeakMinuteRequests: 0,
    };
    seen.requests += row.requests;
    seen.errors += row.errors;
    seen.rateLimited += row.rateLimited;
    expectedDailyTenants.set(key, seen);
    const hourKey = `${row.hour.toISOString()} ${row.tenantId}`;
    const isPublic = row.app === "tenant" && row.route.startsWith("/api/v1/");
    hourPeaks.set(hourKey, (hourPeaks.get(hourKey) ?? 0) + (isPublic ? row.peakMinuteRequests : 0));
    seen.publicPeakMinuteRequests = Math.max(seen.publicPeakMinuteRequests, hourPeaks.get(hourKey) ?? 0);
  }
  // Per hour × tenant: the counts, the busiest single group's minute and the public API groups' peaks summed.
  type TenantHour = {
    requests: number;
    errors: number;
    rateLimited: number;
    peakMinuteRequests: number;
    publicPeakMinuteRequests: number;
  };
  const expectedHourlyTenants = new Map<string, TenantHour>();
  for (const row of hourly) {
    const key = `${row.hour.toISOString()} ${row.tenantId}`;
    const seen = expectedHourlyTenants.get(key) ?? {
      requests: 0,
      errors: 0,
      rateLimited: 0,
      peakMinuteRequests: 0,
      publicPeakMinuteRequests: 0,
    };
    seen.requests += row.requests;
    seen.errors += row.errors;
    seen.rateLimited += row.rateLimited;
    seen.peakMinuteRequests = Math.max(seen.peakMinuteRequests, row.peakMinuteRequests);
    if (row.app === "tenant" && row.route.startsWith("/api/v1/"))
      seen.publicPeakMinuteRequests += row.peakMinuteRequests;
    expectedHourlyTenants.set(key, seen);
  }
  const hourlyTenants = await db
    .select()
    .from(apiUsageRollupsHourlyTenants)
    .where(and(gte(apiUsageRollupsHourlyTenants.hour, range.from), lt(apiUsageRollupsHourlyTenants.hour, range.to)));
  const dailyTenants = await db
    .select()
    .from(apiUsageRollupsDailyTenants)
    .where(and(gte(apiUsageRollupsDailyTenants.day, range.from), lt(apiUsageRollupsDailyTenants.day, range.to)));
  // Per ISO week × tenant × group over the weeks the range touches: the sums, the group's busiest
  // minute, and beside it the tenant's busiest hour of summed public API peaks in the week.
  const weeks = { from: startOfWeek(range.from), to: startOfWeek(new Date(range.to.getTime() + WEEK_MS - 1)) };
  const weekHours = await db
    .select()
    .from(apiUsageRollups)
    .where(and(gte(apiUsageRollups.hour, weeks.from), lt(apiUsageRollups.hour, weeks.to)));
  type TenantWeekGroup = {
    requests: number;
    errors: number;
    rateLimited: number;
    peakMinuteRequests: number;
    tenantPublicPeakMinuteRequests: number;
  };
  const weekHourPeaks = new Map<string, number>();
  for (const row of weekHours) {
    const key = `${row.hour.toISOString()} ${row.tenantId}`;
    const isPublic = row.app === "tenant" && row.route.startsWith("/api/v1/");
    weekHourPeaks.set(key, (weekHourPeaks.get(key) ?? 0) + (isPublic ? row.peakMinuteRequests : 0));
  }
  const tenantWeekPeaks = new Map<string, number>();
  for (const [key, peak] of weekHourPeaks) {
    const [hour, tenantId] = key.split(" ");
    const weekKey = `${startOfWeek(new Date(hour ?? "")).toISOString()} ${tenantId}`;
    tenantWeekPeaks.set(weekKey, Math.max(tenantWeekPeaks.get(weekKey) ?? 0, peak));
  }
  const expectedWeekly = new Map<string, TenantWeekGroup>();
  for (const row of weekHours) {
    const tenantWeek = `${startOfWeek(row.hour).toISOString()} ${row.tenantId}`;
    const key = `${tenantWeek} ${row.app} ${row.route} ${row.method} ${row.statusClass}`;
    const seen = expectedWeekly.get(key) ?? {
      requests: 0,
      errors: 0,
      rateLimited: 0,
      peakMinuteRequests: 0,
      tenantPublicPeakMinuteRequests: tenantWeekPeaks.get(tenantWeek) ?? 0,
    };
    seen.requests += row.requests;
    seen.errors += row.errors;
    seen.rateLimited += row.rateLimited;
    seen.peakMinuteRequests = Math.max(seen.peakMinuteRequests, row.peakMinuteRequests);
    expectedWeekly.set(key, seen);
  }
  const weekly = await db
    .select()
    .from(apiUsageRollupsWeekly)
    .where(and(gte(apiUsageRollupsWeekly.week, weeks.from), lt(apiUsageRollupsWeekly.week, weeks.to)));
  const sorted = <T>(map: Map<string, T>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
  return {
    weekly: sorted(
      new Map(
        weekly.map((row) => [
          `${row.week.toISOString()} ${row.tenantId} ${row.app} ${row.route} ${row.method} ${row.statusClass}`,
          {
            requests: row.requests,
            errors: row.errors,
            rateLimited: row.rateLimited,
            peakMinuteRequests: row.peakMinuteRequests,
            tenantPublicPeakMinuteRequests: row.tenantPublicPeakMinuteRequests,
          },
        ]),
      ),
    ),
    expectedWeekly: sorted(expectedWeekly),
    global: sorted(
      new Map(
        global.map((row) => [
          `${row.hour.toISOString()} ${row.app} ${row.route} ${row.method} ${row.statusClass}`,
          measures(row),
        ]),
      ),
    ),
    daily: sorted(
      new Map(
        daily.map((row) => [
          `${row.day.toISOString()} ${row.tenantId} ${row.app} ${row.route} ${row.method} ${row.statusClass}`,
          measures(row),
        ]),
      ),
    ),
    dailyTenants: sorted(
      new Map(
        dailyTenants.map((row) => [
          `${row.day.toISOString()} ${row.tenantId}`,
          {
            requests: row.requests,
            errors: row.errors,
            rateLimited: row.rateLimited,
            publicPeakMinuteRequests: row.publicPeakMinuteRequests,
          },
        ]),
      ),
    ),
    hourlyTenants: sorted(
      new Map(
        hourlyTenants.map((row) => [
          `${row.hour.toISOString()} ${row.tenantId}`,
          {
            requests: row.requests,
            errors: row.errors,
            rateLimited: row.rateLimited,
            peakMinuteRequests: row.peakMinuteRequests,
            publicPeakMinuteRequests: row.publicPeakMinuteRequests,
          },
        ]),
      ),
    ),
    expectedHourlyTenants: sorted(expectedHourlyTenants),
    expectedDailyTenants: sorted(expectedDailyTenants),
    expectedGlobal: sorted(expectedGlobal),
    expectedDaily: sorted(expectedDaily),
  };
}

async function expectLevelsToMatchHourly(range: { from: Date; to: Date }) {
  const levels = await levelsAndExpected(range);
  expect(levels.global).toEqual(levels.expectedGlobal);
  expect(levels.daily).toEqual(levels.expectedDaily);
  expect(levels.hourlyTenants).toEqual(levels.expectedHourlyTenants);
  expect(levels.dailyTenants).toEqual(levels.expectedDailyTenants);
  expect(levels.weekly).toEqual(levels.expectedWeekly);
  return levels;
}

describe("rollupApiUsage", () => {
  it("counts requests, errors, 429s, bytes, durations, latency buckets and the peak minute per hour", async () => {
    const tenant = await createTenant(db);
    const route = { tenantId: tenant.id, app: "tenant" as const, route: "/api/v1/leads", method: "GET" };
    await recordApiUsage(db, [
      // 14:05 has three requests: the hour's busiest minute.
      { ...route, at: at("2026-03-10T14:05:10"), status: 200, durationMs: 3, bytes: 100 },
      { ...route, at: at("2026-03-10T14:05:20"), status: 200, durationMs: 7, bytes: 200 },
      { ...route, at: at("2026-03-10T14:05:50"), status: 201, durationMs: 120, bytes: 300 },
      { ...route, at: at("2026-03-10T14:30:00"), status: 200, durationMs: 6000, bytes: 400 },
      { ...route, at: at("2026-03-10T14:10:00"), status: 429, durationMs: 1, bytes: 50 },
      { ...route, at: at("2026-03-10T14:11:00"), status: 404, durationMs: 30, bytes: 60 },
      // Outside [14:00, 15:00): the hours either side.
      { ...route, at: at("2026-03-10T13:59:59.999"), status: 200, durationMs: 10, bytes: 1 },
      { ...route, at: at("2026-03-10T15:00:00"), status: 500, durationMs: 5, bytes: 1 },
    ]);

    const result = await rollupApiUsage({ from: at("2026-03-10T14:00:00"), to: at("2026-03-10T15:00:00") });
    expect(result.rows).toBe(2);

    const rows = await rollupsOf(tenant.id);
    expect(rows).toEqual([
      {
        hour: at("2026-03-10T14:00:00"),
        tenantId: tenant.id,
        app: "tenant",
        route: "/api/v1/leads",
        method: "GET",
        statusClass: 2,
        requests: 4,
        errors: 0,
        rateLimited: 0,
        bytes: 1000,
        durationMsSum: 6130,
        // ≤5, ≤10, ≤25, ≤50, ≤100, ≤250, ≤500, ≤1000, ≤2500, ≤5000, slower
        latencyBuckets: [1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        peakMinuteRequests: 3,
      },
      {
        hour: at("2026-03-10T14:00:00"),
        tenantId: tenant.id,
        app: "tenant",
        route: "/api/v1/leads",
        method: "GET",
        statusClass: 4,
        requests: 2,
        errors: 1,
        rateLimited: 1,
        bytes: 110,
        durationMsSum: 31,
        latencyBuckets: [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        peakMinuteRequests: 1,
      },
    ]);

    // Rounded out to whole hours: 13:30–15:10 covers 13:00, 14:00 and 15:00.
    await rollupApiUsage({ from: at("2026-03-10T13:30:00"), to: at("2026-03-10T15:10:00") });
    const hours = (await rollupsOf(tenant.id)).map((row) => [row.hour.toISOString(), row.statusClass, row.errors]);
    expect(hours).toEqual([
      ["2026-03-10T13:00:00.000Z", 2, 0],
      ["2026-03-10T14:00:00.000Z", 2, 0],
      ["2026-03-10T14:00:00.000Z", 4, 1],
      ["2026-03-10T15:00:00.000Z", 5, 1],
    ]);
  });

  it("gives the same rows when run twice, and counts a late row on the next run over its hour", async () => {
    const tenant = await createTenant(db);
    const range = { from: at("2026-03-11T09:00:00"), to: at("2026-03-11T11:00:00") };
    await recordApiUsage(db, [
      { tenantId: tenant.id, at: at("2026-03-11T09:15:00"), durationMs: 40, bytes: 500 },
      { tenantId: tenant.id, at: at("2026-03-11T10:45:00"), durationMs: 40, bytes: 500 },
    ]);
    await rollupApiUsage(range);
    const first = await rollupsOf(tenant.id);
    const again = await rollupApiUsage(range);
    expect(again.rows).toBe(2);
    expect(await rollupsOf(tenant.id)).toEqual(first);
    expect(first.map((row) => row.requests)).toEqual([1, 1]);

    // Logged late (the usage buffer held it through a database outage): the next run picks it up.
    await recordApiUsage(db, [{ tenantId: tenant.id, at: at("2026-03-11T09:15:30"), durationMs: 900, bytes: 7 }]);
    await rollupApiUsage(range);
    const [nine] = await rollupsOf(tenant.id);
    expect(nine).toMatchObject({
      requests: 2,
      bytes: 507,
      durationMsSum: 940,
      peakMinuteRequests: 2,
      latencyBuckets: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
    });
  });

  it("files requests without a tenant under the nil UUID", async () => {
    const hour = at("2026-03-11T12:00:00");
    await recordApiUsage(db, [
      { tenantId: null, app: "portal", route: "/api/provider/tenants", at: at("2026-03-11T12:01:00"), status: 503 },
      { tenantId: null, app: "portal", route: "/api/provider/tenants", at: at("2026-03-11T12:02:00"), status: 200 },
    ]);
    await rollupApiUsage({ from: hour, to: at("2026-03-11T13:00:00") });
    const rows = await db
      .select()
      .from(apiUsageRollups)
      .where(and(eq(apiUsageRollups.hour, hour), eq(apiUsageRollups.route, "/api/provider/tenants")))
      .orderBy(asc(apiUsageRollups.statusClass));
    expect(rows.map((row) => [row.tenantId, row.app, row.statusClass, row.requests, row.errors])).toEqual([
      [NIL_TENANT_ID, "portal", 2, 1, 0],
      [NIL_TENANT_ID, "portal", 5, 1, 1],
    ]);
  });

  it("removes a group no raw row supports any more, but keeps hours whose raw rows are gone", async () => {
    const tenant = await createTenant(db);
    await recordApiUsage(db, [{ tenantId: tenant.id, at: at("2026-03-11T16:10:00"), route: "/api/v1/leads/[id]" }]);
    await recordApiUsage(db, [{ tenantId: tenant.id, at: at("2026-03-11T16:20:00") }]);
    // An hour whose raw partition retention already dropped: its rollup is the only record left.
    await createApiUsageRollups(db, [{ tenantId: tenant.id, hour: at("2026-03-11T17:00:00"), requests: 9 }]);
    await rollupApiUsage({ from: at("2026-03-11T16:00:00"), to: at("2026-03-11T18:00:00") });
    expect((await rollupsOf(tenant.id)).map((row) => [row.hour.getUTCHours(), row.route])).toEqual([
      [16, "/api/v1/leads"],
      [16, "/api/v1/leads/[id]"],
      [17, "/api/v1/leads"],
    ]);

    await db.delete(apiUsage).where(and(eq(apiUsage.tenantId, tenant.id), eq(apiUsage.route, "/api/v1/leads/[id]")));
    const result = await rollupApiUsage({ from: at("2026-03-11T16:00:00"), to: at("2026-03-11T18:00:00") });
    expect(result.removed).toBe(1);
    expect((await rollupsOf(tenant.id)).map((row) => [row.hour.getUTCHours(), row.route, row.requests])).toEqual([
      [16, "/api/v1/leads", 1],
      [17, "/api/v1/leads", 9],
    ]);
  });
});

describe("rollupApiUsage: the global hourly and daily levels", () => {
  // Two days of their own (no other test writes here), so the global level holds only these rows.
  const days = { from: at("2026-04-20T00:00:00"), to: at("2026-04-22T00:00:00") };

  it("are the exact sums of the per-tenant hourly rows, idempotent, pick up late rows and drop gone groups", async () => {
    const acme = await createTenant(db);
    const rival = await createTenant(db);
    await recordApiUsage(db, [
      // A burst of 3 in one minute for Acme at 22:05; Rival's 200 and 429 at 22:40 are two groups.
      ...[0, 10, 20].map((second) => ({
        tenantId: acme.id,
        at: new Date(at("2026-04-20T22:05:00").getTime() + second * 1000),
        durationMs: 4,
      })),
      { tenantId: acme.id, at: at("2026-04-20T22:30:00"), status: 500, durationMs: 300, bytes: 90 },
      { tenantId: rival.id, at: at("2026-04-20T22:40:00"), durationMs: 60 },
      { tenantId: rival.id, at: at("2026-04-20T22:40:30"), status: 429, durationMs: 1 },
      // Acme's busiest minute of the day is 4, at 23:10.
      ...[0, 5, 10, 15].map((second) => ({
        tenantId: acme.id,
        at: new Date(at("2026-04-20T23:10:00").getTime() + second * 1000),
        durationMs: 7000,
      })),
      { tenantId: null, app: "portal" as const, route: "/api/provider/tenants", at: at("2026-04-20T23:20:00") },
      // The next UTC day.
      { tenantId: acme.id, at: at("2026-04-21T00:15:00"), method: "POST", durationMs: 30 },
    ]);
    const range = { from: at("2026-04-20T22:00:00"), to: at("2026-04-21T01:00:00") };
    const first = await rollupApiUsage(range);
    expect(first).toMatchObject({
      rows: 7,
      changedRows: 7,
      globalRows: 6,
      hourlyTenantRows: 5,
      dailyRows: 6,
      dailyTenantRows: 4,
      weeklyRows: 6,
    });
    const levels = await expectLevelsToMatchHourly(days);
    expect(levels.global.get(`${at("2026-04-20T22:00:00").toISOString()} tenant /api/v1/leads GET 2`)).toEqual({
      requests: 4,
      errors: 0,
      rateLimited: 0,
      bytes: 4 * 2_048,
      durationMsSum: 72,
      latencyBuckets: [3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
      // Acme's busiest minute (3) plus Rival's (1): the tenants' peaks summed.
      peakMinuteRequests: 4,
    });
    expect(
      levels.daily.get(`${at("2026-04-20T00:00:00").toISOString()} ${acme.id} tenant /api/v1/leads GET 2`),
    ).toEqual({
      requests: 7,
      errors: 0,
      rateLimited: 0,
      bytes: 7 * 2_048,
      durationMsSum: 12 + 28_000,
      latencyBuckets: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
      peakMinuteRequests: 4,
    });
    expect(levels.daily.size).toBe(6);
    // Acme at 22:00: a 2xx group peaking at 3 and a 5xx group at 1.
    expect(levels.hourlyTenants.get(`${at("2026-04-20T22:00:00").toISOString()} ${acme.id}`)).toEqual({
      requests: 4,
      errors: 1,
      rateLimited: 0,
      peakMinuteRequests: 3,
      publicPeakMinuteRequests: 4,
    });
    expect(levels.hourlyTenants.get(`${at("2026-04-20T22:00:00").toISOString()} ${rival.id}`)).toEqual({
      requests: 2,
      errors: 0,
      rateLimited: 1,
      peakMinuteRequests: 1,
      publicPeakMinuteRequests: 2,
    });
    // Acme's busiest public hour on the 20th: 23:00 (4) beats 22:00 (3 on 2xx + 1 on 5xx).
    expect(levels.dailyTenants.get(`${at("2026-04-20T00:00:00").toISOString()} ${acme.id}`)).toEqual({
      requests: 8,
      errors: 1,
      rateLimited: 0,
      publicPeakMinuteRequests: 4,
    });

    // Twice gives the same rows, and nothing is rewritten.
    const again = await rollupApiUsage(range);
    expect(again).toMatchObject({
      rows: 7,
      changedRows: 0,
      globalRows: 0,
      hourlyTenantRows: 0,
      dailyRows: 0,
      dailyTenantRows: 0,
      weeklyRows: 0,
    });
    expect(await levelsAndExpected(days)).toEqual(levels);

    // Only the 23:00 hour is recomputed, yet the whole day's daily rows still sum every hour.
    await recordApiUsage(db, [{ tenantId: rival.id, at: at("2026-04-20T23:59:00"), durationMs: 60 }]);
    const lateRun = await rollupApiUsage({ from: at("2026-04-20T23:00:00"), to: at("2026-04-21T00:00:00") });
    // Only Rival's 23:00 changed: one group, one global group, its hour, its daily group, its day and its week group.
    expect(lateRun).toMatchObject({
      changedRows: 1,
      globalRows: 1,
      hourlyTenantRows: 1,
      dailyRows: 1,
      dailyTenantRows: 1,
      weeklyRows: 1,
    });
    const late = await expectLevelsToMatchHourly(days);
    expect(
      late.daily.get(`${at("2026-04-20T00:00:00").toISOString()} ${rival.id} tenant /api/v1/leads GET 2`),
    ).toMatchObject({
      requests: 2,
      peakMinuteRequests: 1,
    });

    // A group whose raw rows are gone disappears from every level.
    await db.delete(apiUsage).where(and(eq(apiUsage.tenantId, acme.id), eq(apiUsage.method, "POST")));
    await recordApiUsage(db, [{ tenantId: acme.id, at: at("2026-04-21T00:50:00") }]);
    const removed = await rollupApiUsage({ from: at("2026-04-21T00:00:00"), to: at("2026-04-21T01:00:00") });
    expect(removed.removed).toBe(1);
    const after = await expectLevelsToMatchHourly(days);
    expect([...after.global.keys()].filter((key) => key.includes(" POST "))).toEqual([]);
    expect([...after.daily.keys()].filter((key) => key.includes(" POST "))).toEqual([]);
  });
});

describe("rollupRecentApiUsage (the every-minute job)", () => {
  it("starts a little before the newest rolled-up hour and picks up late rows", async () => {
    const tenant = await createTenant(db);
    await recordApiUsage(db, [
      { tenantId: tenant.id, at: at("2026-03-13T08:10:00") },
      { tenantId: tenant.id, at: at("2026-03-13T10:50:00") },
    ]);
    const now = at("2026-03-13T11:00:30");
    const first = await rollupRecentApiUsage({ now });
    expect(first.ran).toBe(true);
    // The newest rollup so far is 2026-03-11 17:00 (tests above): the pass starts two hours before it.
    expect(first.from).toEqual(at("2026-03-11T15:00:00"));
    expect((await rollupsOf(tenant.id)).map((row) => [row.hour.getUTCHours(), row.requests])).toEqual([
      [8, 1],
      [10, 1],
    ]);

    // A row for 09:xx written a minute later is still within the late-row window.
    await recordApiUsage(db, [{ tenantId: tenant.id, at: at("2026-03-13T09:59:00") }]);
    const second = await rollupRecentApiUsage({ now: at("2026-03-13T11:01:30") });
    expect(second.from).toEqual(at("2026-03-13T08:00:00"));
    expect(second.to).toEqual(at("2026-03-13T12:00:00"));
    expect((await rollupsOf(tenant.id)).map((row) => [row.hour.getUTCHours(), row.requests])).toEqual([
      [8, 1],
      [9, 1],
      [10, 1],
    ]);
  });

  it("rolls up rows written into hours it had already settled (a seed, a long outage), once", async () => {
    const tenant = await createTenant(db);
    await rollupRecentApiUsage({ now: at("2026-03-13T11:02:00") });
    // Hours before the pass's window: only the pending mark brings them back.
    await recordApiUsage(db, [
      { tenantId: tenant.id, at: at("2026-03-13T03:15:00") },
      { tenantId: tenant.id, at: at("2026-03-13T03:45:00") },
      { tenantId: tenant.id, at: at("2026-03-12T22:05:00") },
    ]);
    const pending = await db.execute<{ hour: Date }>(sql`select hour from api_usage_rollup_pending order by hour`);
    expect(pending.rows.map((row) => new Date(row.hour).toISOString())).toEqual(
      expect.arrayContaining(["2026-03-12T22:00:00.000Z", "2026-03-13T03:00:00.000Z"]),
    );
    const pass = await rollupRecentApiUsage({ now: at("2026-03-13T11:03:00") });
    expect(pass.from).toEqual(at("2026-03-13T08:00:00"));
    expect((await rollupsOf(tenant.id)).map((row) => [row.hour.toISOString(), row.requests])).toEqual([
      ["2026-03-12T22:00:00.000Z", 1],
      ["2026-03-13T03:00:00.000Z", 2],
    ]);
    const global = await db.execute<{ requests: string }>(
      sql`select sum(requests) as requests from api_usage_rollups_hourly_global where hour = '2026-03-13T03:00:00Z'`,
    );
    expect(Number(global.rows[0]?.requests)).toBeGreaterThanOrEqual(2);
    expect((await db.execute(sql`select 1 from api_usage_rollup_pending`)).rows).toHaveLength(0);
  });

  it("skips while another pass holds the lock", async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7310001)`);
      const skipped = await rollupRecentApiUsage({ now: at("2026-03-13T11:02:30") });
      expect(skipped).toEqual({ ran: false, rows: 0, removed: 0 });
    });
  });
});

describe("applyUsageRetention (the daily job)", () => {
  it("drops raw days past the retention, deletes rollups older than two years and keeps the rest", async () => {
    const now = at("2026-06-15T00:30:00");
    const tenant = await createTenant(db);
    await recordApiUsage(db, [
      { tenantId: tenant.id, at: at("2026-05-10T12:00:00") }, // 36 days old: dropped with its partition
      { tenantId: tenant.id, at: at("2026-05-20T12:00:00") }, // 26 days old: kept
    ]);
    await createApiUsageRollups(db, [
      { tenantId: tenant.id, hour: at("2024-06-14T23:00:00") }, // just over two years: deleted
      { tenantId: tenant.id, hour: at("2024-06-15T00:00:00") }, // exactly two years: kept
      { tenantId: tenant.id, hour: at("2026-05-10T12:00:00") },
    ]);

    const result = await applyUsageRetention({ now, rawRetentionDays: 30 });
    expect(result.rawCutoff).toEqual(at("2026-05-16T00:00:00"));
    expect(result.partitionsDropped).toBeGreaterThanOrEqual(1);
    expect(result.rollupsDeleted).toBe(1);
    expect(result).toMatchObject({
      globalRollupsDeleted: 1,
      hourlyTenantRollupsDeleted: 1,
      dailyRollupsDeleted: 1,
      dailyTenantRollupsDeleted: 1,
      // 2024-06-14 shares its ISO week (from Monday the 10th) with the 15th: that week is kept, summed again from the 15th.
      weeklyRollupsDeleted: 0,
    });
    const twoYears = { from: at("2024-06-01T00:00:00"), to: at("2024-07-01T00:00:00") };
    const levels = await expectLevelsToMatchHourly(twoYears);
    expect([...levels.global.keys()].map((key) => key.slice(0, 24))).toEqual(["2024-06-15T00:00:00.000Z"]);
    expect([...levels.daily.keys()].map((key) => key.slice(0, 24))).toEqual(["2024-06-15T00:00:00.000Z"]);
    expect([...levels.dailyTenants.keys()].map((key) => key.slice(0, 24))).toEqual(["2024-06-15T00:00:00.000Z"]);

    const partition = async (name: string) =>
      (await db.execute<{ name: string | null }>(sql`select to_regclass(${name})::text as name`)).rows[0]?.name;
    expect(await partition("api_usage_20260510")).toBeNull();
    expect(await partition("api_usage_20260515")).toBeNull();
    expect(await partition("api_usage_20260516")).toBe("api_usage_20260516");
    expect(await partition("api_usage_20260520")).toBe("api_usage_20260520");
    // Partitions for the coming week exist before any request needs them.
    expect(await partition("api_usage_20260622")).toBe("api_usage_20260622");

    const raw = await db
      .select({ at: apiUsage.at })
      .from(apiUsage)
      .where(and(eq(apiUsage.tenantId, tenant.id), gte(apiUsage.at, at("2026-01-01T00:00:00"))));
    expect(raw.map((row) => row.at)).toEqual([at("2026-05-20T12:00:00")]);
    expect((await rollupsOf(tenant.id)).map((row) => row.hour)).toEqual([
      at("2024-06-15T00:00:00"),
      at("2026-05-10T12:00:00"),
    ]);

    // Running again changes nothing.
    const again = await applyUsageRetention({ now, rawRetentionDays: 30 });
    expect(again).toMatchObject({
      partitionsDropped: 0,
      rollupsDeleted: 0,
      globalRollupsDeleted: 0,
      hourlyTenantRollupsDeleted: 0,
      dailyRollupsDeleted: 0,
      dailyTenantRollupsDeleted: 0,
      defaultPartitionRowsDeleted: 0,
    });
  });

  it("deletes old rows that fell into the default partition", async () => {
    const tenant = await createTenant(db);
    // No daily partition for 2025: the row lands in api_usage_default.
    await db.insert(apiUsage).values({
      tenantId: tenant.id,
      app: "tenant",
      route: "/api/v1/leads",
      method: "GET",
      status: 200,
      durationMs: 1,
      at: at("2025-01-01T00:00:00"),
    });
    const result = await applyUsageRetention({ now: at("2026-06-15T00:30:00"), rawRetentionDays: 30 });
    expect(result.defaultPartitionRowsDeleted).toBe(1);
    const left = await db
      .select()
      .from(apiUsage)
      .where(and(eq(apiUsage.tenantId, tenant.id), lt(apiUsage.at, at("2026-01-01T00:00:00"))));
    expect(left).toEqual([]);
  });
});
