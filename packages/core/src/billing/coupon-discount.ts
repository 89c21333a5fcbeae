import type { coupons } from "@pp/db/schema";

type Coupon = Pick<typeof coupons.$inferSelect, "percentOff" | "amountOffCents" | "duration" | "durationInMonths">;

export type CouponDiscountInput = {
  coupon: Coupon;
  /** What the subscription line charges before the coupon. */
  amountCents: number;
  /** When the coupon was put on the subscription. */
  appliedAt: Date;
  /** The start of the period being invoiced. */
  periodStart: Date;
  /** Invoices of this subscription issued since the coupon was applied (for `once` and `repeating`). */
  invoicesSinceApplied: number;
};

/**
 * The discount (cents, ≥ 0, never more than the line) a coupon takes off a subscription line:
 * `once` on the first invoice after it was applied, `repeating` on the first `durationInMonths`
 * invoices after it was applied (exactly N, even when applied mid-period), `forever` always.
 * Percentages round to the nearest cent.
 */
export function couponDiscountFor(input: CouponDiscountInput): number {
  const { coupon, amountCents } = input;
  const applies =
    coupon.duration === "forever" ||
    (coupon.duration === "once" && input.invoicesSinceApplied === 0) ||
    (coupon.duration === "repeating" && input.invoicesSinceApplied < (coupon.durationInMonths ?? 0));
  if (!applies) return 0;
  const off =
    coupon.percentOff !== null ? Math.round((amountCents * coupon.percentOff) / 100) : (coupon.amountOffCents ?? 0);
  return Math.min(off, amountCents);
}

export function describeCoupon(coupon: Coupon & { code: string; currency: string }): string {
  return `Discount: ${coupon.code} (${couponOffText(coupon)})`;
}

/** "20% off" or "$10.00 off". */
export function couponOffText(coupon: Pick<Coupon, "percentOff" | "amountOffCents"> & { currency: string }): string {
  return coupon.percentOff !== null
    ? `${coupon.percentOff}% off`
    : `${new Intl.NumberFormat("en-US", { style: "currency", currency: coupon.currency }).format((coupon.amountOffCents ?? 0) / 100)} off`;
}

/** Which invoices a newly applied coupon discounts: "your next invoice", "your next 3 invoices", "every invoice". */
export function couponReachText(coupon: Pick<Coupon, "duration" | "durationInMonths">): string {
  const left = couponInvoicesLeft(coupon, 0);
  return left === null ? "every invoice" : left === 1 ? "your next invoice" : `your next ${left} invoices`;
}

/**
 * How many more invoices a coupon will discount, given the invoices issued since it was applied:
 * `null` for `forever` (it never runs out), 0 once it has ended.
 */
export function couponInvoicesLeft(
  coupon: Pick<Coupon, "duration" | "durationInMonths">,
  invoicesSinceApplied: number,
): number | null {
  if (coupon.duration === "forever") return null;
  const total = coupon.duration === "once" ? 1 : (coupon.durationInMonths ?? 0);
  return Math.max(total - invoicesSinceApplied, 0);
}
