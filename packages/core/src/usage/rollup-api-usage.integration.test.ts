import { db } from "@pp/db";
import { createApiUsageRollups, createTenant, recordApiUsage } from "@pp/db/factories";
import { apiUsage, apiUsageRollups } from "@pp/db/schema";
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
    expect(again).toMatchObject({ partitionsDropped: 0, rollupsDeleted: 0, defaultPartitionRowsDeleted: 0 });
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
