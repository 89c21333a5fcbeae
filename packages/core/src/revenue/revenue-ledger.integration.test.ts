import { db } from "@pp/db";
import { createLead, createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { acquisitionSpend, metricsSnapshots, subscriptionEvents, tenantLeadSources } from "@pp/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "../staff/testing";
import { checkLedgerIdentity } from "./check-ledger-identity";
import { getRevenueCohorts } from "./get-revenue-cohorts";
import { getRevenueForecast } from "./get-revenue-forecast";
import { getRevenueSegments } from "./get-revenue-segments";
import { getRevenueSummary } from "./get-revenue-summary";
import { getRevenueWaterfall } from "./get-revenue-waterfall";
import { listRevenueMovements } from "./list-revenue-movements";
import type { TenantMrrReads } from "./load-tenant-mrr";
import { writeMetricsSnapshots } from "./write-metrics-snapshots";

/*
 * The hand-computed ledger (cents; Basic 9,900, Pro 24,900):
 *   A  new Jan 10 Basic 9,900 · expansion Mar 5 → 24,900
 *   B  new Jan 20 Pro 24,900 · contraction Feb 15 → 9,900 · churn Apr 1 → 0
 *   C  new Feb 3 Basic 9,900 · churn Mar 20 → 0 · reactivation Apr 10 → 9,900
 *   D  new Mar 12 Pro 24,900
 * Jan: 0 + 34,800 new = 34,800
 * Feb: 34,800 + 9,900 new − 15,000 contraction = 29,700
 * Mar: 29,700 + 24,900 new + 15,000 expansion − 9,900 churn = 59,700
 * Apr: 59,700 + 9,900 reactivation − 9,900 churn = 59,700
 */
const NOW = new Date("2025-04-20T12:00:00Z");
const at = (day: string) => new Date(`2025-${day}T09:00:00Z`);
let ids: Record<"a" | "b" | "c" | "d", string>;

async function move(
  tenantId: string,
  subscriptionId: string,
  type: "expansion" | "contraction" | "churn" | "reactivation",
  before: number,
  after: number,
  day: string,
) {
  await db.insert(subscriptionEvents).values({
    tenantId,
    subscriptionId,
    type,
    mrrBeforeCents: before,
    mrrAfterCents: after,
    effectiveAt: at(day),
  });
}

beforeAll(async () => {
  await ensureReferenceData(db);
  const a = await createTenant(db, { name: "Alpha Plumbing", trade: "plumbing" });
  const b = await createTenant(db, { name: "Bravo Plumbing", trade: "plumbing" });
  const c = await createTenant(db, { name: "Charlie HVAC", trade: "hvac" });
  const d = await createTenant(db, { name: "Delta HVAC", trade: "hvac" });
  const sa = await createSubscription(db, { tenantId: a.id, planCode: "basic", startedAt: at("01-10") });
  const sb = await createSubscription(db, { tenantId: b.id, planCode: "pro", startedAt: at("01-20") });
  const sc = await createSubscription(db, { tenantId: c.id, planCode: "basic", startedAt: at("02-03") });
  await createSubscription(db, { tenantId: d.id, planCode: "pro", startedAt: at("03-12") });
  await move(a.id, sa.id, "expansion", 9_900, 24_900, "03-05");
  await move(b.id, sb.id, "contraction", 24_900, 9_900, "02-15");
  await move(b.id, sb.id, "churn", 9_900, 0, "04-01");
  await move(c.id, sc.id, "churn", 9_900, 0, "03-20");
  await move(c.id, sc.id, "reactivation", 0, 9_900, "04-10");
  await db.insert(acquisitionSpend).values([
    { month: "2025-02-01", channel: "web", amountCents: 50_000 },
    { month: "2025-03-01", channel: "phone", amountCents: 30_000 },
  ]);
  ids = { a: a.id, b: b.id, c: c.id, d: d.id };
});

describe("the MRR ledger", () => {
  it("gives each month's waterfall, and the movement identity holds for every month", async () => {
    const { months } = await getRevenueWaterfall({ from: "2025-01", to: "2025-04", now: NOW });
    expect(
      months.map((m) => [
        m.month,
        m.startMrrCents,
        m.new,
        m.expansion,
        m.reactivation,
        m.contraction,
        m.churn,
        m.endMrrCents,
      ]),
    ).toEqual([
      ["2025-01", 0, 34_800, 0, 0, 0, 0, 34_800],
      ["2025-02", 34_800, 9_900, 0, 0, 15_000, 0, 29_700],
      ["2025-03", 29_700, 24_900, 15_000, 0, 0, 9_900, 59_700],
      ["2025-04", 59_700, 0, 0, 9_900, 0, 9_900, 59_700],
    ]);
    expect(months.every((m) => m.identityGapCents === 0)).toBe(true);
    expect(await checkLedgerIdentity({ now: NOW })).toEqual({ months: 4, breaks: [] });
  });

  it("pins MRR, NRR, GRR, churn and Quick Ratio on the hand-computed ledger", async () => {
    const april = await getRevenueSummary({ from: "2025-04", to: "2025-04", now: NOW });
    expect(april.kpis).toMatchObject({
      mrrCents: 59_700,
      arrCents: 716_400,
      momGrowth: 0,
      payingTenants: 3,
      arpuCents: 19_900,
      // Cohort at Apr 1: A 24,900 + B 9,900 + D 24,900 = 59,700; at the end B is gone: 49,800.
      nrr: 49_800 / 59_700,
      grr: 49_800 / 59_700,
      logoChurnRate: 1 / 3,
      quickRatio: 1,
    });
    const spring = await getRevenueSummary({ from: "2025-02", to: "2025-03", now: NOW });
    // Cohort at Feb 1: A 9,900 + B 24,900 = 34,800; at Mar 31: A 24,900 + B 9,900 = 34,800.
    expect(spring.kpis.nrr).toBe(1);
    expect(spring.kpis.grr).toBeCloseTo(19_800 / 34_800, 10);
    expect(spring.kpis.revenueChurnRate).toBeCloseTo(15_000 / 34_800, 10);
    // In: 34,800 new + 15,000 expansion; out: 15,000 contraction + 9,900 churn.
    expect(spring.kpis.quickRatio).toBe(2);
    expect(spring.kpis.movements).toEqual({
      new: 34_800,
      expansion: 15_000,
      reactivation: 0,
      contraction: 15_000,
      churn: 9_900,
    });
    const churn = (15_000 / 34_800 + 9_900 / 29_700) / 2;
    expect(spring.kpis.ltvCents).toBe(Math.round(19_900 / churn));
    // $800 spent on acquisition in Feb–Mar; C and D were new → CAC $400.
    expect(spring.kpis).toMatchObject({ acquisitionSpendCents: 80_000, newCustomers: 2, cacCents: 40_000 });
    expect(spring.kpis.ltvToCac).toBeCloseTo(Math.round(19_900 / churn) / 40_000, 10);
    expect(spring.priorPeriod).toEqual({ from: "2024-12", to: "2025-01" });
    expect(spring.prior).toMatchObject({ mrrCents: 34_800, nrr: null, cacCents: null, ltvToCac: null });
  });

  it("fills the cohort table by first paid month", async () => {
    const { cohorts } = await getRevenueCohorts({ from: "2025-01", to: "2025-04", now: NOW });
    const cells = (i: number) =>
      cohorts[i]?.cells.map((c) => [c.month, c.logoRetention, Number(c.revenueRetention.toFixed(4))]);
    expect(cohorts.map((c) => [c.cohort, c.tenants, c.startMrrCents])).toEqual([
      ["2025-01", 2, 34_800],
      ["2025-02", 1, 9_900],
      ["2025-03", 1, 24_900],
    ]);
    expect(cells(0)).toEqual([
      ["2025-01", 1, 1],
      ["2025-02", 1, Number((19_800 / 34_800).toFixed(4))],
      ["2025-03", 1, 1],
      ["2025-04", 0.5, Number((24_900 / 34_800).toFixed(4))],
    ]);
    expect(cells(1)).toEqual([
      ["2025-02", 1, 1],
      ["2025-03", 0, 0],
      ["2025-04", 1, 1],
    ]);
  });

  it("segments by trade and drills down to the movements, page by page", async () => {
    const { segments } = await getRevenueSegments({ from: "2025-04", to: "2025-04", now: NOW });
    const trade = segments.filter((s) => s.kind === "trade");
    expect(trade).toEqual([
      { kind: "trade", value: "hvac", mrrCents: 34_800, payingTenants: 2, arpuCents: 17_400, logoChurnRate: 0, nrr: 1 },
      {
        kind: "trade",
        value: "plumbing",
        mrrCents: 24_900,
        payingTenants: 1,
        arpuCents: 24_900,
        logoChurnRate: 0.5,
        nrr: 24_900 / 34_800,
      },
    ]);
    const hvac = await getRevenueSummary({ from: "2025-04", to: "2025-04", segment: "trade:hvac", now: NOW });
    expect(hvac.kpis.mrrCents).toBe(34_800);

    const first = await listRevenueMovements({ from: "2025-01", to: "2025-04", type: "churn", limit: 1, now: NOW });
    expect(first.data.map((m) => [m.tenantId, m.changeCents])).toEqual([[ids.b, -9_900]]);
    const second = await listRevenueMovements({
      from: "2025-01",
      to: "2025-04",
      type: "churn",
      limit: 1,
      cursor: first.nextCursor ?? "",
      now: NOW,
    });
    expect(second.data.map((m) => m.tenantId)).toEqual([ids.c]);
    expect(second.nextCursor).toBeNull();
  });

  it("forecasts the next 6 months with a backtest, and refuses bad ranges and segments naming the field", async () => {
    const forecast = await getRevenueForecast({ from: "2025-01", to: "2025-04", now: NOW });
    expect(forecast.history.map((h) => h.mrrCents)).toEqual([34_800, 29_700, 59_700, 59_700]);
    // Least squares through (0, 34,800) (1, 29,700) (2, 59,700) (3, 59,700): slope 52,350 / 5 = 10,470, intercept 30,270.
    expect(forecast.forecast.map((f) => f.linearCents)).toEqual([72_150, 82_620, 93_090, 103_560, 114_030, 124_500]);
    // Moving average: (29,700 + 59,700 + 59,700) / 3 = 49,700, then rolled forward.
    expect(forecast.forecast[0]?.movingAverageCents).toBe(49_700);
    // Backtest of April from Jan–Mar: linear (slope 12,450) → 66,300, off by 6,600; MA → 41,400, off by 18,300.
    expect(forecast.backtest.linear.mape).toBeCloseTo((6_600 / 59_700) * 100, 8);
    expect(forecast.backtest.movingAverage.mape).toBeCloseTo((18_300 / 59_700) * 100, 8);

    const backwards = await rejection(getRevenueSummary({ from: "2025-05", to: "2025-04", now: NOW }));
    expect(backwards.status).toBe(400);
    expect(backwards.message).toContain('"from"');
    expect((await rejection(getRevenueSummary({ segment: "colour:blue", now: NOW }))).message).toContain('"segment"');
  });

  it("writes daily snapshots, and the waterfall reads them for closed months with the same numbers as the ledger", async () => {
    const written = await writeMetricsSnapshots({ from: "2024-12-31", to: "2025-03-31" });
    expect(written.days).toBe(91);
    const [platform] = await db
      .select()
      .from(metricsSnapshots)
      .where(and(eq(metricsSnapshots.day, "2025-03-31"), isNull(metricsSnapshots.tenantId)));
    expect(platform?.metrics).toMatchObject({ mrrCents: 59_700, payingTenants: 3 });
    const [alpha] = await db
      .select()
      .from(metricsSnapshots)
      .where(and(eq(metricsSnapshots.day, "2025-03-05"), eq(metricsSnapshots.tenantId, ids.a)));
    expect(alpha?.metrics).toEqual({ mrrCents: 24_900, expansion: 15_000 });

    const query = { from: "2025-01", to: "2025-04", now: NOW };
    const auto = await getRevenueWaterfall(query);
    const ledger = await getRevenueWaterfall({ ...query, source: "ledger" });
    expect(auto.months.map((m) => m.source)).toEqual(["snapshots", "snapshots", "snapshots", "ledger"]);
    const figures = (m: (typeof auto.months)[number]) => {
      const { source: _source, ...rest } = m;
      return rest;
    };
    expect(auto.months.map(figures)).toEqual(ledger.months.map(figures));
    // A range reaching back before the ledger's first event (Jan 10): those months are empty, as in the ledger.
    const long = { from: "2024-05", to: "2025-04", now: NOW };
    const longAuto = await getRevenueWaterfall(long);
    expect(longAuto.months.slice(0, 8).map((m) => [m.startMrrCents, m.new, m.endMrrCents, m.payingTenants])).toEqual(
      Array.from({ length: 8 }, () => [0, 0, 0, 0]),
    );
    expect(longAuto.months.map(figures)).toEqual(
      (await getRevenueWaterfall({ ...long, source: "ledger" })).months.map(figures),
    );
    // The KPI cards and the forecast read the same snapshots and agree with the ledger too.
    const summary = await getRevenueSummary({ from: "2025-02", to: "2025-04", now: NOW });
    const summaryFromLedger = await getRevenueSummary({ from: "2025-02", to: "2025-04", now: NOW, source: "ledger" });
    expect(summary).toEqual(summaryFromLedger);
    expect(summary.kpis.mrrCents).toBe(ledger.months.at(-1)?.endMrrCents);
    const forecast = await getRevenueForecast(query);
    expect(forecast.history).toEqual(ledger.months.map((m) => ({ month: m.month, mrrCents: m.endMrrCents })));
    expect(forecast).toEqual(await getRevenueForecast({ ...query, source: "ledger" }));
    expect((await rejection(writeMetricsSnapshots({ from: "2025-02-01", to: "2025-01-01" }))).message).toContain(
      '"to"',
    );
  });

  it("reads cohorts and segments from the snapshots for closed months and the ledger for today, with the same figures", async () => {
    // Leads: Alpha 2 web + 1 phone, Bravo 1 phone, Charlie none (source "none"), Delta 1 marketplace.
    const lead = (tenantId: string, source: "web" | "phone" | "marketplace", day: string) =>
      createLead(db, { tenantId, source, receivedAt: at(day) });
    await lead(ids.a, "web", "01-12");
    await lead(ids.a, "web", "02-12");
    await lead(ids.a, "phone", "03-02");
    await lead(ids.b, "phone", "01-22");
    await lead(ids.d, "marketplace", "03-14");
    // The nightly job counts the leads received up to its last day's end; Alpha's main source is web.
    await writeMetricsSnapshots({ from: "2024-12-31", to: "2025-03-31" });
    const counted = await db.select().from(tenantLeadSources).where(eq(tenantLeadSources.tenantId, ids.a));
    expect(counted.map((c) => [c.source, c.leads, c.countedBefore.toISOString()]).sort()).toEqual([
      ["phone", 1, "2025-04-01T00:00:00.000Z"],
      ["web", 2, "2025-04-01T00:00:00.000Z"],
    ]);
    const source = async (query: { from: string; to: string }) => {
      const [auto, ledger] = await Promise.all([
        getRevenueSegments({ ...query, now: NOW }),
        getRevenueSegments({ ...query, now: NOW, source: "ledger" }),
      ]);
      expect(auto).toEqual(ledger);
      return auto.segments.filter((s) => s.kind === "source").map((s) => [s.value, s.mrrCents, s.payingTenants]);
    };
    // Closed months only (both instants from the per-tenant snapshots), and a range ending today.
    expect(await source({ from: "2025-02", to: "2025-03" })).toEqual([
      ["marketplace", 24_900, 1],
      ["web", 24_900, 1],
      ["phone", 9_900, 1],
    ]);
    // Two phone leads today make phone Alpha's main source: counted leads + those received since.
    await lead(ids.a, "phone", "04-15");
    await lead(ids.a, "phone", "04-16");
    expect(await source({ from: "2025-03", to: "2025-04" })).toEqual([
      ["marketplace", 24_900, 1],
      ["phone", 24_900, 1],
      ["none", 9_900, 1],
    ]);
    // The drill-down of a segment lists the movements of exactly that segment's clients.
    const phone = await listRevenueMovements({ from: "2025-01", to: "2025-04", segment: "source:phone", now: NOW });
    expect(new Set(phone.data.map((m) => m.tenantId))).toEqual(new Set([ids.a, ids.b]));
    expect(
      await listRevenueMovements({
        from: "2025-01",
        to: "2025-04",
        segment: "source:phone",
        now: NOW,
        source: "ledger",
      }),
    ).toEqual(phone);

    for (const query of [
      { from: "2025-01", to: "2025-03" },
      { from: "2025-01", to: "2025-04" },
      { from: "2025-02", to: "2025-04", segment: "trade:hvac" },
      { from: "2025-01", to: "2025-04", segment: "source:phone" },
    ]) {
      const auto = await getRevenueCohorts({ ...query, now: NOW });
      expect(auto).toEqual(await getRevenueCohorts({ ...query, now: NOW, source: "ledger" }));
      expect(auto.cohorts.length).toBeGreaterThan(0);
    }
    // One page's views at one instant share their clients' MRR reads: the same figures, each instant read once.
    const reads: TenantMrrReads = new Map();
    const page = { from: "2025-01", to: "2025-04", now: NOW };
    const [summary, segments, cohorts] = await Promise.all([
      getRevenueSummary({ ...page, reads }),
      getRevenueSegments({ ...page, reads }),
      getRevenueCohorts({ ...page, reads }),
    ]);
    expect(summary).toEqual(await getRevenueSummary(page));
    expect(segments).toEqual(await getRevenueSegments(page));
    expect(cohorts).toEqual(await getRevenueCohorts(page));
    // Period starts (prior: Sep 1; this: Jan 1), the month ends the cohorts need, and now (+1 ms, `before`).
    expect([...reads.keys()].sort().map((ms) => new Date(ms).toISOString())).toEqual([
      "2024-09-01T00:00:00.000Z",
      "2025-01-01T00:00:00.000Z",
      "2025-02-01T00:00:00.000Z",
      "2025-03-01T00:00:00.000Z",
      "2025-04-01T00:00:00.000Z",
      "2025-04-20T12:00:00.001Z",
    ]);

    const hvac = await getRevenueCohorts({ from: "2025-02", to: "2025-04", segment: "trade:hvac", now: NOW });
    // Charlie (Feb, churned in March, back in April) and Delta (March).
    expect(hvac.cohorts.map((c) => [c.cohort, c.tenants, c.cells.map((cell) => cell.logoRetention)])).toEqual([
      ["2025-02", 1, [1, 0, 1]],
      ["2025-03", 1, [1, 1]],
    ]);
  });

  it("answers an empty ledger with zeros and nulls, not errors", async () => {
    const empty = await getRevenueSummary({ from: "2020-01", to: "2020-03", now: NOW });
    expect(empty.kpis).toMatchObject({ mrrCents: 0, nrr: null, arpuCents: null, quickRatio: null, ltvCents: null });
  });
  it("reports a month whose movement does not start where the subscription was", async () => {
    const tenant = await createTenant(db);
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      planCode: "basic",
      startedAt: at("04-02"),
    });
    // Claims to expand from 5,000, but the subscription was at 9,900: the movements overstate MRR by 4,900.
    await move(tenant.id, subscription.id, "expansion", 5_000, 24_900, "04-05");
    try {
      const { breaks } = await checkLedgerIdentity({ now: NOW });
      expect(breaks).toEqual([{ month: "2025-04", gapCents: -4_900, startMrrCents: 59_700, endMrrCents: 84_600 }]);
    } finally {
      await db.delete(subscriptionEvents).where(eq(subscriptionEvents.tenantId, tenant.id));
    }
  });
});
