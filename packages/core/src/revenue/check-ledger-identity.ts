import { db, type Executor } from "@pp/db";
import { identityGap, ledgerMonths, monthOf, monthsBetween } from "./ledger-math";
import { loadLedger } from "./load-ledger";

export type IdentityBreak = { month: string; gapCents: number; startMrrCents: number; endMrrCents: number };

/**
 * The ledger's consistency check: for every month from the first movement to now,
 * MRR(end) = MRR(start) + new + expansion + reactivation − contraction − churn. Returns the months
 * where it fails (a movement whose "before" is not the subscription's previous "after").
 */
export async function checkLedgerIdentity(
  options: { now?: Date } = {},
  executor: Executor = db,
): Promise<{ months: number; breaks: IdentityBreak[] }> {
  const now = options.now ?? new Date();
  const ledger = await loadLedger({ before: new Date(now.getTime() + 1) }, executor);
  const first = ledger.events.reduce<Date | null>(
    (min, e) => (!min || e.effectiveAt < min ? e.effectiveAt : min),
    null,
  );
  if (!first) return { months: 0, breaks: [] };
  const months = ledgerMonths(ledger.events, monthsBetween(monthOf(first), monthOf(now)));
  return {
    months: months.length,
    breaks: months
      .map((m) => ({
        month: m.month,
        gapCents: identityGap(m),
        startMrrCents: m.startMrrCents,
        endMrrCents: m.endMrrCents,
      }))
      .filter((m) => m.gapCents !== 0),
  };
}
