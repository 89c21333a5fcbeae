import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { addMonthsTo, type LedgerMonth, ledgerMonths, type Movements, monthStart } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { dayBefore, readTenantMrr, tenantMrrAt, totalMrrAt } from "./load-tenant-mrr";
import { readSnapshotMonths } from "./read-snapshot-months";

export type RevenueMonth = LedgerMonth & {
  payingTenants: number;
  /** From the snapshots; null for a month computed from the ledger (the caller reads invoices). */
  usageRevenueCents: number | null;
  source: "snapshots" | "ledger";
};

/**
 * Platform-wide months as `ledgerMonths` computes them from the whole ledger, loading it only when
 * several months lack snapshots:
 * a closed month that has every day's snapshot is read from metrics_snapshots (per-tenant MRR at its
 * start and end from the per-tenant rows); the others come from subscription_events (by SQL for a
 * single month, else one sweep of the ledger; months that end before its first event are empty, read from
 * nothing). Events count when effective before `before` (the range's end, or now).
 * `tenants: false` skips the per-tenant maps (left empty) for views that only need totals.
 */
export async function loadRevenueMonths(
  options: { months: readonly string[]; before: Date; now: Date; tenants?: boolean },
  executor: Executor,
): Promise<RevenueMonth[]> {
  const withTenants = options.tenants ?? true;
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const closed = options.months.filter((month) => monthStart(addMonthsTo(month, 1)).getTime() <= today);
  const [snapshots, firstEventAt] = await Promise.all([
    readSnapshotMonths(executor, closed),
    firstLedgerEventAt(executor),
  ]);
  const snapshotTenants = withTenants
    ? await readTenantMrr(
        executor,
        [...snapshots.keys()].flatMap((month) => [dayBefore(monthStart(month)), dayBefore(nextMonth(month))]),
      )
    : new Map<string, Map<string, number>>();
  // A month that ends before the ledger's first event is empty: nothing to read for it.
  const unsnapshotted = options.months.filter((month) => !snapshots.has(month));
  const beforeLedger = unsnapshotted.filter((month) => !firstEventAt || nextMonth(month) <= firstEventAt);
  const missing = unsnapshotted.filter((month) => !beforeLedger.includes(month));
  // One missing month (today's) is three small queries; several (no snapshots yet) one ledger sweep.
  const swept = missing.length > 1 ? (await loadLedger({ before: options.before }, executor)).events : null;
  const fromLedger = new Map(
    [...ledgerMonths([], beforeLedger), ...(swept ? ledgerMonths(swept, missing) : [])].map((month) => [
      month.month,
      { ...month, payingTenants: month.tenantEnd.size },
    ]),
  );
  const months: RevenueMonth[] = [];
  for (const month of options.months) {
    const snapshot = snapshots.get(month);
    if (snapshot) {
      months.push({
        ...snapshot,
        tenantStart: snapshotTenants.get(dayBefore(monthStart(month))) ?? new Map(),
        tenantEnd: snapshotTenants.get(dayBefore(nextMonth(month))) ?? new Map(),
        source: "snapshots",
      });
      continue;
    }
    const computed = fromLedger.get(month) ?? (await queryMonth(executor, month, options.before, withTenants));
    months.push({
      ...computed,
      usageRevenueCents: null,
      tenantStart: withTenants ? computed.tenantStart : new Map(),
      tenantEnd: withTenants ? computed.tenantEnd : new Map(),
      source: "ledger",
    });
  }
  return months;
}

const earlier = (a: Date, b: Date) => (a < b ? a : b);

/**
 * One month from subscription_events by SQL: its movements and MRR at its two instants, per tenant
 * or (`withTenants` false: the per-tenant maps left empty) as totals.
 */
async function queryMonth(
  executor: Executor,
  month: string,
  before: Date,
  withTenants: boolean,
): Promise<LedgerMonth & { payingTenants: number }> {
  const start = earlier(monthStart(month), before);
  const end = earlier(nextMonth(month), before);
  const mrrAt = async (instant: Date) => {
    if (!withTenants) return { ...(await totalMrrAt(executor, instant)), tenants: new Map<string, number>() };
    const tenants = await tenantMrrAt(executor, instant);
    return { mrrCents: total(tenants), payingTenants: tenants.size, tenants };
  };
  const [movements, atStart, atEnd] = await Promise.all([
    movementsBetween(executor, start, end),
    mrrAt(start),
    mrrAt(end),
  ]);
  return {
    month,
    ...movements,
    startMrrCents: atStart.mrrCents,
    endMrrCents: atEnd.mrrCents,
    payingTenants: atEnd.payingTenants,
    tenantStart: atStart.tenants,
    tenantEnd: atEnd.tenants,
  };
}

/** When the MRR ledger's first event took effect; null while it is empty. */
async function firstLedgerEventAt(executor: Executor): Promise<Date | null> {
  const rows = await executor.execute<{ first: string | Date | null }>(
    sql`select min(effective_at) as first from subscription_events`,
  );
  const first = rows.rows[0]?.first;
  return first ? new Date(first) : null;
}

function nextMonth(month: string): Date {
  return monthStart(addMonthsTo(month, 1));
}

function total(map: Map<string, number>): number {
  let sum = 0;
  for (const value of map.values()) sum += value;
  return sum;
}

async function movementsBetween(executor: Executor, from: Date, to: Date): Promise<Movements> {
  const rows = await executor.execute<{ type: keyof Movements; cents: string | number }>(sql`
    select type, sum(case when type in ('contraction', 'churn') then mrr_before_cents - mrr_after_cents
                          else mrr_after_cents - mrr_before_cents end) as cents
    from subscription_events
    where effective_at >= ${from.toISOString()}::timestamptz and effective_at < ${to.toISOString()}::timestamptz
    group by type
  `);
  const movements: Movements = { new: 0, expansion: 0, reactivation: 0, contraction: 0, churn: 0 };
  for (const row of rows.rows) movements[row.type] = Number(row.cents);
  return movements;
}
