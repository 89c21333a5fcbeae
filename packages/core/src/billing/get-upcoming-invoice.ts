import { db, type Executor } from "@pp/db";
import { coupons, plans, subscriptions } from "@pp/db/schema";
import { and, desc, eq, inArray } from "drizzle-orm";
import { CURRENT_SUBSCRIPTION_STATUSES } from "../tenants/current-subscription";
import { couponInvoicesLeft, describeCoupon } from "./coupon-discount";
import { invoicesSinceCouponApplied, subscriptionInvoiceLines } from "./subscription-invoice-lines";

export type UpcomingInvoice = {
  /** The invoice is issued when the current period ends (billing is in arrears). */
  issuedAt: Date;
  currency: string;
  /** The plan line and, while the coupon applies, its discount — as the invoice will carry them. */
  lines: { kind: string; description: string; amountCents: number }[];
  /** The plan line net of the discount, before leads and credits. */
  subtotalCents: number;
  coupon: {
    code: string;
    description: string;
    /** Invoices it still discounts (null: every invoice). */
    invoicesLeft: number | null;
  } | null;
};

/**
 * The tenant's next invoice as far as the subscription decides it: its plan line and the coupon's
 * discount, computed by the same function that issues invoices. Leads received in the period and
 * open credits are added when it is issued. Null without a current subscription.
 */
export async function getUpcomingInvoice(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<UpcomingInvoice | null> {
  const [row] = await executor
    .select({ subscription: subscriptions, plan: plans, coupon: coupons })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
    .where(
      and(eq(subscriptions.tenantId, options.tenantId), inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES)),
    )
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(1);
  if (!row) return null;
  const { subscription, coupon } = row;
  const lines = await subscriptionInvoiceLines(executor, row, subscription.currentPeriodStart);
  const invoicesLeft = coupon
    ? couponInvoicesLeft(coupon, await invoicesSinceCouponApplied(executor, subscription))
    : 0;
  return {
    issuedAt: subscription.currentPeriodEnd,
    currency: subscription.currency,
    lines: lines.map((line) => ({ kind: line.kind, description: line.description, amountCents: line.amountCents })),
    subtotalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
    coupon: coupon ? { code: coupon.code, description: describeCoupon(coupon), invoicesLeft } : null,
  };
}
