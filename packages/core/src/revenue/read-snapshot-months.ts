import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { addMonthsTo, type Movements, monthStart } from "./ledger-math";

export type SnapshotMonth = Movements & {
  month: string;
  startMrrCents: number;
  endMrrCents: number;
  payingTenants: number;
  usageRevenueCents: number;
};

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Platform figures of closed months from metrics_snapshots: end MRR from the month's last day,
 * start MRR from the day before it, movements summed over its days. A month is returned only when
 * every one of those days has a snapshot; the caller computes the others from the ledger.
 */
export async function readSnapshotMonths(
  executor: Executor,
  months: readonly string[],
): Promise<Map<string, SnapshotMonth>> {
  const found = new Map<string, SnapshotMonth>();
  const [first, last] = [months[0], months.at(-1)];
  if (!first || !last) return found;
  const from = dayOf(new Date(monthStart(first).getTime() - DAY_MS));
  const to = dayOf(new Date(monthStart(addMonthsTo(last, 1)).getTime() - DAY_MS));
  const rows = await executor.execute<{ day: string; metrics: Record<string, number> }>(sql`
    select day::text as day, metrics from metrics_snapshots
    where tenant_id is null and day >= ${from}::date and day <= ${to}::date
  `);
  const byDay = new Map(rows.rows.map((row) => [row.day, row.metrics]));
  for (const month of months) {
    const startDay = new Date(monthStart(month).getTime() - DAY_MS);
    const endDay = new Date(monthStart(addMonthsTo(month, 1)).getTime() - DAY_MS);
    const before = byDay.get(dayOf(startDay));
    const days: Record<string, number>[] = [];
    for (let t = startDay.getTime() + DAY_MS; t <= endDay.getTime(); t += DAY_MS) {
      const metrics = byDay.get(dayOf(new Date(t)));
      if (metrics) days.push(metrics);
    }
    const end = byDay.get(dayOf(endDay));
    const expected = Math.round((endDay.getTime() - startDay.getTime()) / DAY_MS);
    if (!before || !end || days.length !== expected) continue;
    const total = (key: string) => days.reduce((sum, metrics) => sum + (metrics[key] ?? 0), 0);
    found.set(month, {
      month,
      startMrrCents: before.mrrCents ?? 0,
      endMrrCents: end.mrrCents ?? 0,
      payingTenants: end.payingTenants ?? 0,
      new: total("new"),
      expansion: total("expansion"),
      reactivation: total("reactivation"),
      contraction: total("contraction"),
      churn: total("churn"),
      usageRevenueCents: total("usageRevenueCents"),
    });
  }
  return found;
}
