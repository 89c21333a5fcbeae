import { db, type Executor } from "@pp/db";
import { usageRevenueByMonth } from "./get-usage-revenue";
import { identityGap, ledgerMonths, type Movements } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { loadRevenueMonths } from "./load-revenue-months";
import type { RevenueSource } from "./load-revenue-tenants";
import { type RevenueRange, type RevenueViewOptions, resolveRange } from "./revenue-query";

export type WaterfallMonth = Movements & {
  month: string;
  startMrrCents: number;
  endMrrCents: number;
  /** end − (start + new + expansion + reactivation − contraction − churn); 0 when the ledger is consistent. */
  identityGapCents: number;
  payingTenants: number;
  usageRevenueCents: number;
  /** Where the month's figures came from: snapshots for closed months that have them, else the ledger. */
  source: "snapshots" | "ledger";
};

/**
 * Per month: start MRR → new, expansion, reactivation, contraction, churn → end MRR (and usage
 * revenue beside it). Platform-wide, closed months come from the nightly snapshots and the rest from
 * subscription_events (loadRevenueMonths); a segment is computed from the ledger of its tenants.
 */
export async function getRevenueWaterfall(
  options: RevenueViewOptions,
  executor: Executor = db,
): Promise<{ months: WaterfallMonth[] }> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  const { months, tenantIds } = await loadWaterfallMonths(range, now, options.source ?? "auto", executor);
  // Usage revenue is read from invoices only for the months the snapshots do not cover.
  const usage = await usageRevenueByMonth(months, { segment: range.segment, tenantIds }, executor);
  return {
    months: months.map((month) => ({
      month: month.month,
      startMrrCents: month.startMrrCents,
      new: month.new,
      expansion: month.expansion,
      reactivation: month.reactivation,
      contraction: month.contraction,
      churn: month.churn,
      endMrrCents: month.endMrrCents,
      identityGapCents: identityGap(month),
      payingTenants: month.payingTenants,
      usageRevenueCents: usage.get(month.month) ?? 0,
      source: month.source,
    })),
  };
}

type SourcedMonth = Movements & {
  month: string;
  startMrrCents: number;
  endMrrCents: number;
  payingTenants: number;
  usageRevenueCents: number | null;
  source: "snapshots" | "ledger";
};

async function loadWaterfallMonths(
  range: RevenueRange,
  now: Date,
  source: RevenueSource,
  executor: Executor,
): Promise<{ months: SourcedMonth[]; tenantIds: string[] | null }> {
  if (!range.segment && source === "auto") {
    return {
      months: await loadRevenueMonths({ months: range.months, before: range.before, now, tenants: false }, executor),
      tenantIds: null,
    };
  }
  const ledger = await loadLedger({ before: range.before, segment: range.segment, source }, executor);
  return {
    months: ledgerMonths(ledger.events, range.months).map(({ tenantStart: _start, tenantEnd, ...month }) => ({
      ...month,
      payingTenants: tenantEnd.size,
      usageRevenueCents: null,
      source: "ledger" as const,
    })),
    tenantIds: range.segment ? [...ledger.tenants.keys()] : null,
  };
}
