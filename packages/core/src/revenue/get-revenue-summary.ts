import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { usageRevenueByMonth } from "./get-usage-revenue";
import {
  addMonthsTo,
  type LedgerMonth,
  ledgerMonths,
  lifetimeValue,
  type Movements,
  monthStart,
  quickRatio,
  retention,
  sumMovements,
} from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { loadRevenueMonths } from "./load-revenue-months";
import type { RevenueSource } from "./load-revenue-tenants";
import { loadTenantMrr, type TenantMrrReads } from "./load-tenant-mrr";
import { type RevenueRange, type RevenueViewOptions, resolveRange } from "./revenue-query";

export type RevenueKpis = {
  mrrCents: number;
  arrCents: number;
  /** Last month of the period: (end MRR − start MRR) ÷ start MRR. */
  momGrowth: number | null;
  nrr: number | null;
  grr: number | null;
  payingTenants: number;
  arpuCents: number | null;
  logoChurnRate: number | null;
  revenueChurnRate: number | null;
  quickRatio: number | null;
  ltvCents: number | null;
  ltvCapped: boolean;
  /** Acquisition spend ÷ new paying clients in the period; null without spend or new clients. */
  cacCents: number | null;
  ltvToCac: number | null;
  acquisitionSpendCents: number;
  newCustomers: number;
  usageRevenueCents: number;
  movements: Movements;
};

export type RevenueSummary = {
  period: { from: string; to: string };
  priorPeriod: { from: string; to: string };
  kpis: RevenueKpis;
  prior: RevenueKpis;
  asOf: Date;
};

/**
 * The KPI cards: every figure from the MRR ledger, for the period and the equally long one before it.
 * Platform-wide, closed months are read from the nightly snapshots (the same figures, see
 * loadRevenueMonths); a segment is computed from the ledger of its tenants.
 */
export async function getRevenueSummary(options: RevenueViewOptions, executor: Executor = db): Promise<RevenueSummary> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  const length = range.months.length;
  const priorFrom = addMonthsTo(range.from, -length);
  const months = [...monthsFrom(priorFrom, length), ...range.months];
  const { all, tenantIds } = await loadMonths(
    months,
    range,
    { now, reads: options.reads },
    options.source ?? "auto",
    executor,
  );
  const prior = all.slice(0, length);
  const current = all.slice(length);
  const [usage, kpis, priorKpis] = await Promise.all([
    usageRevenueByMonth(all, { segment: range.segment, tenantIds }, executor),
    kpisOf(current, tenantIds, range, executor),
    kpisOf(prior, tenantIds, range, executor),
  ]);
  const withUsage = (base: Omit<RevenueKpis, "usageRevenueCents">, months: LedgerMonth[]): RevenueKpis => ({
    ...base,
    usageRevenueCents: months.reduce((total, month) => total + (usage.get(month.month) ?? 0), 0),
  });
  return {
    period: { from: range.from, to: range.to },
    priorPeriod: { from: priorFrom, to: addMonthsTo(range.from, -1) },
    kpis: withUsage(kpis, current),
    prior: withUsage(priorKpis, prior),
    asOf: now,
  };
}

async function loadMonths(
  months: string[],
  range: RevenueRange,
  reading: { now: Date; reads?: TenantMrrReads },
  source: RevenueSource,
  executor: Executor,
): Promise<{ all: (LedgerMonth & { usageRevenueCents?: number | null })[]; tenantIds: string[] | null }> {
  if (!range.segment && source === "auto") {
    const all = await loadRevenueMonths({ months, before: range.before, now: reading.now, tenants: false }, executor);
    // Each client's MRR is needed only where each period starts and ends (NRR, GRR, ARPU).
    const at = (instant: Date) => new Date(Math.min(instant.getTime(), range.before.getTime()));
    const starts = [all[0], all[all.length / 2]].flatMap((m) => (m ? [{ month: m, at: at(monthStart(m.month)) }] : []));
    const ends = [all[all.length / 2 - 1], all.at(-1)].flatMap((m) =>
      m ? [{ month: m, at: at(monthStart(addMonthsTo(m.month, 1))) }] : [],
    );
    const mrr = await loadTenantMrr({ instants: [...starts, ...ends].map((edge) => edge.at), ...reading }, executor);
    for (const edge of starts) edge.month.tenantStart = mrr.get(edge.at.getTime()) ?? new Map();
    for (const edge of ends) edge.month.tenantEnd = mrr.get(edge.at.getTime()) ?? new Map();
    return { all, tenantIds: null };
  }
  const ledger = await loadLedger({ before: range.before, segment: range.segment, source }, executor);
  return { all: ledgerMonths(ledger.events, months), tenantIds: range.segment ? [...ledger.tenants.keys()] : null };
}

function monthsFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonthsTo(from, i));
}

async function kpisOf(
  months: LedgerMonth[],
  tenantIds: string[] | null,
  range: RevenueRange,
  executor: Executor,
): Promise<Omit<RevenueKpis, "usageRevenueCents">> {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) throw new Error("a revenue period has at least one month");
  const mrr = last.endMrrCents;
  const paying = last.tenantEnd.size;
  const arpu = paying > 0 ? Math.round(mrr / paying) : null;
  const kept = retention(first.tenantStart, last.tenantEnd);
  const movements = sumMovements(months);
  const ltv = lifetimeValue(arpu, months);
  const start = monthStart(first.month);
  const end = monthStart(addMonthsTo(last.month, 1));
  const channel = range.segment?.kind === "source" ? range.segment.value : null;
  const [newCustomers, spend] = await Promise.all([
    countNewCustomers(executor, start, new Date(Math.min(end.getTime(), range.before.getTime())), tenantIds),
    executor.execute<{ cents: string | number | null }>(sql`
      select coalesce(sum(amount_cents), 0) as cents from acquisition_spend
      where month >= ${`${first.month}-01`}::date and month <= ${`${last.month}-01`}::date
      ${channel ? sql`and channel = ${channel}` : sql``}
    `),
  ]);
  const spendCents = Number(spend.rows[0]?.cents ?? 0);
  const cac = spendCents > 0 && newCustomers > 0 ? Math.round(spendCents / newCustomers) : null;
  return {
    mrrCents: mrr,
    arrCents: mrr * 12,
    momGrowth: last.startMrrCents > 0 ? (last.endMrrCents - last.startMrrCents) / last.startMrrCents : null,
    nrr: kept.nrr,
    grr: kept.grr,
    payingTenants: paying,
    arpuCents: arpu,
    logoChurnRate: kept.logoChurnRate,
    revenueChurnRate: kept.revenueChurnRate,
    quickRatio: quickRatio(movements),
    ltvCents: ltv.ltvCents,
    ltvCapped: ltv.capped,
    cacCents: cac,
    ltvToCac: cac && ltv.ltvCents !== null ? ltv.ltvCents / cac : null,
    acquisitionSpendCents: spendCents,
    newCustomers,
    movements,
  };
}

/** Clients whose first subscription (a `new` movement) took effect in [start, end); a segment's only. */
async function countNewCustomers(executor: Executor, start: Date, end: Date, tenantIds: string[] | null) {
  if (tenantIds?.length === 0) return 0;
  const rows = await executor.execute<{ n: string | number }>(sql`
    select count(distinct tenant_id) as n from subscription_events
    where type = 'new' and effective_at >= ${start.toISOString()}::timestamptz and effective_at < ${end.toISOString()}::timestamptz
    ${tenantIds ? sql`and tenant_id = any(string_to_array(${tenantIds.join(",")}, ',')::uuid[])` : sql``}
  `);
  return Number(rows.rows[0]?.n ?? 0);
}
