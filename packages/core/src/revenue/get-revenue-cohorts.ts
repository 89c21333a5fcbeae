import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { addMonthsTo, ledgerMonths, monthOf, monthStart } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { loadRevenueTenants } from "./load-revenue-tenants";
import { loadTenantMrr, type TenantMrrReads } from "./load-tenant-mrr";
import { type RevenueRange, type RevenueViewOptions, resolveRange } from "./revenue-query";

export type CohortRow = {
  /** The month the cohort's clients first paid (their signup month as paying clients). */
  cohort: string;
  tenants: number;
  startMrrCents: number;
  /** Index k = k months after the cohort month: share of clients still paying and of MRR kept (NRR). */
  cells: { offset: number; month: string; logoRetention: number; revenueRetention: number; mrrCents: number }[];
};

/** Each client's first paid month, and each client's MRR at the end of every month of the range. */
type CohortInputs = { firstPaid: Map<string, string>; endOf: Map<string, Map<string, number>> };

/**
 * Cohorts by the month each client first paid: for every later month up to `to`, the share of the
 * cohort still paying (logo retention) and its MRR ÷ its MRR at the end of its first month.
 * Month-end MRR per client comes from the nightly per-tenant snapshots for closed months and from
 * the ledger for the open one (`source` "ledger": all from the ledger); both give the same table.
 */
export async function getRevenueCohorts(
  options: RevenueViewOptions,
  executor: Executor = db,
): Promise<{ cohorts: CohortRow[] }> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  const inputs =
    options.source === "ledger"
      ? await inputsFromLedger(range, executor)
      : await inputsFromSnapshots(range, { now, reads: options.reads }, executor);
  return { cohorts: cohortRows(range, inputs) };
}

async function inputsFromSnapshots(
  range: RevenueRange,
  at: { now: Date; reads?: TenantMrrReads },
  executor: Executor,
): Promise<CohortInputs> {
  const monthEnd = (month: string) =>
    new Date(Math.min(monthStart(addMonthsTo(month, 1)).getTime(), range.before.getTime()));
  const [tenants, firstPaidRows, mrr] = await Promise.all([
    range.segment ? loadRevenueTenants({ segment: range.segment }, executor) : null,
    // Cohort membership: one grouped read of the ledger's paying movements (a few per client).
    executor.execute<{ tenant_id: string; first_paid_month: string }>(sql`
      select tenant_id, to_char(min(effective_at) at time zone 'UTC', 'YYYY-MM') as first_paid_month
      from subscription_events
      where mrr_after_cents > 0 and effective_at < ${range.before.toISOString()}::timestamptz
      group by tenant_id
      having min(effective_at) >= ${monthStart(range.from).toISOString()}::timestamptz
    `),
    loadTenantMrr({ instants: range.months.map(monthEnd), ...at }, executor),
  ]);
  const firstPaid = new Map<string, string>();
  for (const row of firstPaidRows.rows) {
    if (tenants && !tenants.has(row.tenant_id)) continue;
    firstPaid.set(row.tenant_id, row.first_paid_month);
  }
  return {
    firstPaid,
    endOf: new Map(range.months.map((month) => [month, mrr.get(monthEnd(month).getTime()) ?? new Map()])),
  };
}

async function inputsFromLedger(range: RevenueRange, executor: Executor): Promise<CohortInputs> {
  const ledger = await loadLedger({ before: range.before, segment: range.segment, source: "ledger" }, executor);
  const firstPaid = new Map<string, string>();
  for (const event of ledger.events) {
    if (event.mrrAfterCents <= 0) continue;
    const month = monthOf(event.effectiveAt);
    const seen = firstPaid.get(event.tenantId);
    if (!seen || month < seen) firstPaid.set(event.tenantId, month);
  }
  const months = ledgerMonths(ledger.events, range.months);
  return { firstPaid, endOf: new Map(months.map((m) => [m.month, m.tenantEnd])) };
}

function cohortRows(range: RevenueRange, { firstPaid, endOf }: CohortInputs): CohortRow[] {
  const members = new Map<string, string[]>();
  for (const [tenantId, month] of firstPaid) {
    const ids = members.get(month) ?? [];
    ids.push(tenantId);
    members.set(month, ids);
  }
  const cohorts: CohortRow[] = [];
  for (const cohort of range.months) {
    const ids = members.get(cohort) ?? [];
    if (ids.length === 0) continue;
    const base = endOf.get(cohort);
    const startMrr = ids.reduce((total, id) => total + (base?.get(id) ?? 0), 0);
    const cells: CohortRow["cells"] = [];
    for (let offset = 0, month = cohort; month <= range.to; offset++, month = addMonthsTo(cohort, offset)) {
      const end = endOf.get(month);
      const paying = ids.filter((id) => (end?.get(id) ?? 0) > 0);
      const mrr = ids.reduce((total, id) => total + (end?.get(id) ?? 0), 0);
      cells.push({
        offset,
        month,
        logoRetention: paying.length / ids.length,
        revenueRetention: startMrr > 0 ? mrr / startMrr : 0,
        mrrCents: mrr,
      });
    }
    cohorts.push({ cohort, tenants: ids.length, startMrrCents: startMrr, cells });
  }
  return cohorts;
}
