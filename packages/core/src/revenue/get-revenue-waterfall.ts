import { db, type Executor } from "@pp/db";
import { getUsageRevenue } from "./get-usage-revenue";
import { addMonthsTo, identityGap, ledgerMonths, type Movements, monthStart } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { readSnapshotMonths, type SnapshotMonth } from "./read-snapshot-months";
import { resolveRange, type TRevenueQuery } from "./revenue-query";

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

/** Per month: start MRR → new, expansion, reactivation, contraction, churn → end MRR (and usage revenue beside it). */
export async function getRevenueWaterfall(
  options: TRevenueQuery & { now?: Date; source?: "auto" | "ledger" },
  executor: Executor = db,
): Promise<{ months: WaterfallMonth[] }> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  const ledger = await loadLedger({ before: range.before, segment: range.segment }, executor);
  // Closed months come from the nightly snapshots (platform-wide only); today's month from the ledger.
  const closed = range.months.filter((month) => monthStart(addMonthsTo(month, 1)).getTime() <= startOfDay(now));
  const snapshots =
    options.source === "ledger" || range.segment
      ? new Map<string, SnapshotMonth>()
      : await readSnapshotMonths(executor, closed);
  // Usage revenue is read from invoices only for the months the snapshots do not cover.
  const open = range.months.filter((month) => !snapshots.has(month));
  const first = open[0];
  const last = open.at(-1);
  const usage =
    first && last
      ? await getUsageRevenue(
          { from: first, to: last, segment: range.segment },
          range.segment ? [...ledger.tenants.keys()] : null,
          executor,
        )
      : new Map<string, number>();
  return {
    months: ledgerMonths(ledger.events, range.months).map((month) => {
      const snapshot = snapshots.get(month.month);
      if (snapshot) {
        return { ...snapshot, identityGapCents: identityGap(snapshot), source: "snapshots" as const };
      }
      return {
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
        source: "ledger" as const,
      };
    }),
  };
}

function startOfDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}
