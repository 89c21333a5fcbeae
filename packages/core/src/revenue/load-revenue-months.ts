import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { addMonthsTo, type LedgerMonth, ledgerMonths, type Movements, monthStart } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { dayBefore, readTenantMrr, tenantMrrAt } from "./load-tenant-mrr";
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
 * single month, else one sweep of the ledger). Events count when effective before `before` (the range's end, or now).
 * `tenants: false` skips the per-tenant maps (left empty) for views that only need totals.
 */
export async function loadRevenueMonths(
  options: { months: readonly string[]; before: Date; now: Date; tenants?: boolean },
  executor: Executor,
): Promise<RevenueMonth[]> {
  const withTenants = options.tenants ?? true;
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const closed = options.months.filter((month) => monthStart(addMonthsTo(month, 1)).getTime() <= today);
  const snapshots = await readSnapshotMonths(executor, closed);
  const snapshotTenants = withTenants
    ? await readTenantMrr(
        executor,
        [...snapshots.keys()].flatMap((month) => [dayBefore(monthStart(month)), dayBefore(nextMonth(month))]),
      )
    : new Map<string, Map<string, number>>();
  const missing = options.months.filter((month) => !snapshots.has(month));
  // One missing month (today's) is three small queries; several (no snapshots yet) one ledger sweep.
  const fromLedger =
    missing.length > 1
      ? new Map(
          ledgerMonths((await loadLedger({ before: options.before }, executor)).events, missing).map((month) => [
            month.month,
            month,
          ]),
        )
      : new Map<string, LedgerMonth>();
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
    const computed = fromLedger.get(month) ?? (await queryMonth(executor, month, options.before));
    months.push({
      ...computed,
      payingTenants: computed.tenantEnd.size,
      usageRevenueCents: null,
      tenantStart: withTenants ? computed.tenantStart : new Map(),
      tenantEnd: withTenants ? computed.tenantEnd : new Map(),
      source: "ledger",
    });
  }
  return months;
}

const earlier = (a: Date, b: Date) => (a < b ? a : b);

/** One month from subscription_events by SQL: per-tenant MRR at its two instants and its movements. */
async function queryMonth(executor: Executor, month: string, before: Date): Promise<LedgerMonth> {
  const start = earlier(monthStart(month), before);
  const end = earlier(nextMonth(month), before);
  const [tenantStart, tenantEnd, movements] = await Promise.all([
    tenantMrrAt(executor, start),
    tenantMrrAt(executor, end),
    movementsBetween(executor, start, end),
  ]);
  return {
    month,
    ...movements,
    startMrrCents: total(tenantStart),
    endMrrCents: total(tenantEnd),
    tenantStart,
    tenantEnd,
  };
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
