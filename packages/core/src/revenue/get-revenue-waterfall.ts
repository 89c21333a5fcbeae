import { db, type Executor } from "@pp/db";
import { getUsageRevenue } from "./get-usage-revenue";
import { identityGap, ledgerMonths, type Movements } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { resolveRange, type TRevenueQuery } from "./revenue-query";

export type WaterfallMonth = Movements & {
  month: string;
  startMrrCents: number;
  endMrrCents: number;
  /** end − (start + new + expansion + reactivation − contraction − churn); 0 when the ledger is consistent. */
  identityGapCents: number;
  payingTenants: number;
  usageRevenueCents: number;
};

/** Per month: start MRR → new, expansion, reactivation, contraction, churn → end MRR (and usage revenue beside it). */
export async function getRevenueWaterfall(
  options: TRevenueQuery & { now?: Date },
  executor: Executor = db,
): Promise<{ months: WaterfallMonth[] }> {
  const range = resolveRange(options, options.now ?? new Date());
  const ledger = await loadLedger({ before: range.before, segment: range.segment }, executor);
  const usage = await getUsageRevenue(range, range.segment ? [...ledger.tenants.keys()] : null, executor);
  return {
    months: ledgerMonths(ledger.events, range.months).map((month) => ({
      month: month.month,
      startMrrCents: month.startMrrCents,
      new: month.new,
      expansion: month.expansion,
      reactivation: month.reactivation,
      contraction: month.contraction,
      churn: month.churn,
      endMrrCents: month.endMrrCents,
      identityGapCents: identityGap(month),
      payingTenants: month.tenantEnd.size,
      usageRevenueCents: usage.get(month.month) ?? 0,
    })),
  };
}
