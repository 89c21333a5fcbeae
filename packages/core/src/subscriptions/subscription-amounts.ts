import type { coupons, plans } from "@pp/db/schema";

type PlanPrice = Pick<typeof plans.$inferSelect, "priceCents" | "interval">;
type RecurringCoupon = Pick<typeof coupons.$inferSelect, "percentOff" | "amountOffCents" | "duration">;

/** What one invoice's subscription line charges before any coupon: plan price × quantity. */
export function subscriptionLineCents(plan: PlanPrice, quantity: number): number {
  return plan.priceCents * quantity;
}

/**
 * MRR (cents) of a subscription: its line normalized to one month (yearly ÷ 12, rounded), after a
 * `forever` coupon (the only recurring discount). Trials and ended subscriptions have none.
 */
export function monthlyRecurringCents(input: {
  plan: PlanPrice;
  quantity: number;
  status: string;
  coupon?: RecurringCoupon | null;
}): number {
  const { plan, quantity, status, coupon } = input;
  if (status === "trialing" || status === "canceled" || status === "expired") return 0;
  const line = subscriptionLineCents(plan, quantity);
  let discount = 0;
  if (coupon?.duration === "forever") {
    discount =
      coupon.percentOff !== null
        ? Math.round((line * coupon.percentOff) / 100)
        : Math.min(coupon.amountOffCents ?? 0, line);
  }
  const net = line - discount;
  return plan.interval === "year" ? Math.round(net / 12) : net;
}

/**
 * The period's invoice charges the line in force when it is issued (billing is in arrears). A
 * change at `at` inside [periodStart, periodEnd) means the elapsed part should have cost the old
 * line: the correction is −(new − old) × elapsed ÷ period, rounded to the cent (negative for an
 * upgrade, positive for a downgrade).
 */
export function prorationCents(input: {
  oldLineCents: number;
  newLineCents: number;
  periodStart: Date;
  periodEnd: Date;
  at: Date;
}): { amountCents: number; elapsedDays: number; periodDays: number } {
  const length = input.periodEnd.getTime() - input.periodStart.getTime();
  const elapsed = Math.min(Math.max(input.at.getTime() - input.periodStart.getTime(), 0), length);
  const raw = length > 0 ? ((input.newLineCents - input.oldLineCents) * elapsed) / length : 0;
  // Math.round of −0.5 goes to −0; normalize so an unchanged price is a plain 0.
  const amountCents = -Math.round(raw) || 0;
  return {
    amountCents,
    elapsedDays: Math.round(elapsed / 86_400_000),
    periodDays: Math.round(length / 86_400_000),
  };
}
