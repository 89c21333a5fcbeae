import { db, type Executor } from "@pp/db";
import { addMonthsTo, ledgerMonths, monthOf, monthsBetween } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { resolveRange, type TRevenueQuery } from "./revenue-query";

export type CohortRow = {
  /** The month the cohort's clients first paid (their signup month as paying clients). */
  cohort: string;
  tenants: number;
  startMrrCents: number;
  /** Index k = k months after the cohort month: share of clients still paying and of MRR kept (NRR). */
  cells: { offset: number; month: string; logoRetention: number; revenueRetention: number; mrrCents: number }[];
};

/**
 * Cohorts by the month each client first paid: for every later month up to `to`, the share of the
 * cohort still paying (logo retention) and its MRR ÷ its MRR at the end of its first month.
 */
export async function getRevenueCohorts(
  options: TRevenueQuery & { now?: Date },
  executor: Executor = db,
): Promise<{ cohorts: CohortRow[] }> {
  const range = resolveRange(options, options.now ?? new Date());
  const ledger = await loadLedger({ before: range.before, segment: range.segment }, executor);
  const firstPaid = new Map<string, string>();
  for (const event of ledger.events) {
    if (event.mrrAfterCents <= 0) continue;
    const month = monthOf(event.effectiveAt);
    const seen = firstPaid.get(event.tenantId);
    if (!seen || month < seen) firstPaid.set(event.tenantId, month);
  }
  const cohortMonths = range.months;
  const months = ledgerMonths(ledger.events, monthsBetween(range.from, range.to));
  const endOf = new Map(months.map((m) => [m.month, m.tenantEnd]));
  const cohorts: CohortRow[] = [];
  for (const cohort of cohortMonths) {
    const members = [...firstPaid].filter(([, month]) => month === cohort).map(([tenantId]) => tenantId);
    if (members.length === 0) continue;
    const base = endOf.get(cohort);
    const startMrr = members.reduce((total, id) => total + (base?.get(id) ?? 0), 0);
    const cells: CohortRow["cells"] = [];
    for (let offset = 0, month = cohort; month <= range.to; offset++, month = addMonthsTo(cohort, offset)) {
      const end = endOf.get(month);
      const paying = members.filter((id) => (end?.get(id) ?? 0) > 0);
      const mrr = members.reduce((total, id) => total + (end?.get(id) ?? 0), 0);
      cells.push({
        offset,
        month,
        logoRetention: paying.length / members.length,
        revenueRetention: startMrr > 0 ? mrr / startMrr : 0,
        mrrCents: mrr,
      });
    }
    cohorts.push({ cohort, tenants: members.length, startMrrCents: startMrr, cells });
  }
  return { cohorts };
}
