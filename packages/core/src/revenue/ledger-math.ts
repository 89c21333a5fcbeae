/**
 * The MRR ledger arithmetic, pure: every revenue figure is computed here from subscription_events.
 * Months are UTC calendar months named "YYYY-MM". A month's start MRR counts the events effective
 * strictly before its first instant; its end MRR those strictly before the next month's first instant.
 */
export type LedgerEvent = {
  id: string;
  tenantId: string;
  subscriptionId: string;
  type: "new" | "expansion" | "contraction" | "churn" | "reactivation";
  mrrBeforeCents: number;
  mrrAfterCents: number;
  effectiveAt: Date;
};

export type Movements = { new: number; expansion: number; reactivation: number; contraction: number; churn: number };

export type LedgerMonth = Movements & {
  month: string;
  startMrrCents: number;
  endMrrCents: number;
  /** Each tenant's MRR at the month's start and end (tenants with none are absent). */
  tenantStart: Map<string, number>;
  tenantEnd: Map<string, number>;
};

export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function addMonthsTo(month: string, count: number): string {
  const date = monthStart(month);
  date.setUTCMonth(date.getUTCMonth() + count);
  return monthOf(date);
}

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 600; month = addMonthsTo(month, 1)) months.push(month);
  return months;
}

/** The signed amount a movement adds to MRR (contraction and churn are reported as positive losses). */
export function movementCents(event: Pick<LedgerEvent, "type" | "mrrBeforeCents" | "mrrAfterCents">): number {
  const delta = event.mrrAfterCents - event.mrrBeforeCents;
  return event.type === "contraction" || event.type === "churn" ? -delta : delta;
}

function tenantTotals(bySubscription: Map<string, { tenantId: string; mrr: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { tenantId, mrr } of bySubscription.values()) {
    if (mrr > 0) totals.set(tenantId, (totals.get(tenantId) ?? 0) + mrr);
  }
  return totals;
}

function sum(map: Map<string, number>): number {
  let total = 0;
  for (const value of map.values()) total += value;
  return total;
}

/** One sweep over the ledger (any order): start/end MRR, per-tenant MRR and movements for each month. */
export function ledgerMonths(events: readonly LedgerEvent[], months: readonly string[]): LedgerMonth[] {
  const sorted = [...events].sort(
    (a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const state = new Map<string, { tenantId: string; mrr: number }>();
  let index = 0;
  const applyBefore = (instant: Date, into?: Movements) => {
    while (index < sorted.length) {
      const event = sorted[index];
      if (!event || event.effectiveAt.getTime() >= instant.getTime()) break;
      state.set(event.subscriptionId, { tenantId: event.tenantId, mrr: event.mrrAfterCents });
      if (into) into[event.type] += movementCents(event);
      index++;
    }
  };
  const result: LedgerMonth[] = [];
  for (const month of months) {
    applyBefore(monthStart(month));
    const tenantStart = tenantTotals(state);
    const movements: Movements = { new: 0, expansion: 0, reactivation: 0, contraction: 0, churn: 0 };
    applyBefore(monthStart(addMonthsTo(month, 1)), movements);
    const tenantEnd = tenantTotals(state);
    result.push({
      month,
      ...movements,
      startMrrCents: sum(tenantStart),
      endMrrCents: sum(tenantEnd),
      tenantStart,
      tenantEnd,
    });
  }
  return result;
}

/** MRR at an instant: each subscription's latest mrr_after at or before it. */
export function mrrAt(events: readonly LedgerEvent[], instant: Date): number {
  const latest = new Map<string, LedgerEvent>();
  for (const event of events) {
    if (event.effectiveAt.getTime() > instant.getTime()) continue;
    const seen = latest.get(event.subscriptionId);
    if (
      !seen ||
      seen.effectiveAt.getTime() < event.effectiveAt.getTime() ||
      (seen.effectiveAt.getTime() === event.effectiveAt.getTime() && seen.id < event.id)
    ) {
      latest.set(event.subscriptionId, event);
    }
  }
  let total = 0;
  for (const event of latest.values()) total += event.mrrAfterCents;
  return total;
}

/** The movement identity for one month: end − (start + new + expansion + reactivation − contraction − churn). */
export function identityGap(month: Pick<LedgerMonth, keyof Movements | "startMrrCents" | "endMrrCents">): number {
  const expected =
    month.startMrrCents + month.new + month.expansion + month.reactivation - month.contraction - month.churn;
  return month.endMrrCents - expected;
}

export type RetentionFigures = {
  /** Tenants paying at the period start (the cohort NRR/GRR and logo churn are measured on). */
  startingTenants: number;
  startingMrrCents: number;
  nrr: number | null;
  grr: number | null;
  logoChurnRate: number | null;
  revenueChurnRate: number | null;
};

/** NRR and GRR on the start-of-period cohort: its end MRR (GRR: each tenant capped at its start) ÷ its start MRR. */
export function retention(tenantStart: Map<string, number>, tenantEnd: Map<string, number>): RetentionFigures {
  let start = 0;
  let end = 0;
  let kept = 0;
  let lost = 0;
  for (const [tenantId, mrr] of tenantStart) {
    const after = tenantEnd.get(tenantId) ?? 0;
    start += mrr;
    end += after;
    kept += Math.min(after, mrr);
    if (after === 0) lost += 1;
  }
  const grr = start > 0 ? kept / start : null;
  return {
    startingTenants: tenantStart.size,
    startingMrrCents: start,
    nrr: start > 0 ? end / start : null,
    grr,
    logoChurnRate: tenantStart.size > 0 ? lost / tenantStart.size : null,
    revenueChurnRate: grr === null ? null : 1 - grr,
  };
}

/** Quick Ratio: (new + expansion + reactivation) ÷ (contraction + churn); null when nothing was lost. */
export function quickRatio(movements: Movements): number | null {
  const lost = movements.contraction + movements.churn;
  return lost > 0 ? (movements.new + movements.expansion + movements.reactivation) / lost : null;
}

export function sumMovements(months: readonly Movements[]): Movements {
  const total: Movements = { new: 0, expansion: 0, reactivation: 0, contraction: 0, churn: 0 };
  for (const month of months) {
    total.new += month.new;
    total.expansion += month.expansion;
    total.reactivation += month.reactivation;
    total.contraction += month.contraction;
    total.churn += month.churn;
  }
  return total;
}

/** LTV is capped at this many months of ARPU when no revenue churned (it would be infinite). */
export const LTV_CAP_MONTHS = 60;

/** LTV = ARPU ÷ average monthly revenue churn rate; capped (and said so) when that rate is zero. */
export function lifetimeValue(
  arpuCents: number | null,
  months: readonly LedgerMonth[],
): { ltvCents: number | null; capped: boolean; monthlyRevenueChurn: number | null } {
  const rates = months
    .filter((month) => month.startMrrCents > 0)
    .map((month) => (month.contraction + month.churn) / month.startMrrCents);
  if (arpuCents === null || rates.length === 0) return { ltvCents: null, capped: false, monthlyRevenueChurn: null };
  const churn = rates.reduce((a, b) => a + b, 0) / rates.length;
  if (churn <= 0) return { ltvCents: arpuCents * LTV_CAP_MONTHS, capped: true, monthlyRevenueChurn: 0 };
  return {
    ltvCents: Math.round(Math.min(arpuCents / churn, arpuCents * LTV_CAP_MONTHS)),
    capped: arpuCents / churn > arpuCents * LTV_CAP_MONTHS,
    monthlyRevenueChurn: churn,
  };
}
