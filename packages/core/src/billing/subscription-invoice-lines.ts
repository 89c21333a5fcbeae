import type { Executor } from "@pp/db";
import type { coupons, invoiceLines, plans, subscriptions } from "@pp/db/schema";
import { invoices } from "@pp/db/schema";
import { and, count, eq, gte, ne } from "drizzle-orm";
import { couponDiscountFor, describeCoupon } from "./coupon-discount";

export type SubscriptionRow = {
  subscription: typeof subscriptions.$inferSelect;
  plan: typeof plans.$inferSelect;
  coupon: typeof coupons.$inferSelect | null;
};

type NewLine = Omit<typeof invoiceLines.$inferInsert, "tenantId" | "invoiceId">;

/** Invoices of the subscription issued since its coupon was put on it (void ones do not count). */
export async function invoicesSinceCouponApplied(
  tx: Executor,
  subscription: SubscriptionRow["subscription"],
): Promise<number> {
  const appliedAt = subscription.couponAppliedAt ?? subscription.createdAt;
  const [since] = await tx
    .select({ n: count() })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, subscription.tenantId),
        eq(invoices.subscriptionId, subscription.id),
        ne(invoices.status, "void"),
        gte(invoices.issuedAt, appliedAt),
      ),
    );
  return since?.n ?? 0;
}

/**
 * The subscription's lines on its next invoice: the plan line (plan × quantity), then its coupon's
 * discount when the coupon still applies. Issuing an invoice and the Billing page's preview of the
 * next one both use this, so the preview shows exactly what will be billed.
 */
export async function subscriptionInvoiceLines(
  tx: Executor,
  row: SubscriptionRow,
  periodStart: Date,
): Promise<NewLine[]> {
  const { subscription, plan, coupon } = row;
  const amountCents = plan.priceCents * subscription.quantity;
  const lines: NewLine[] = [
    {
      kind: "subscription",
      description: `${plan.name} plan (${plan.interval === "year" ? "yearly" : "monthly"})`,
      quantity: subscription.quantity,
      unitAmountCents: plan.priceCents,
      amountCents,
    },
  ];
  if (!coupon) return lines;
  const discount = couponDiscountFor({
    coupon,
    amountCents,
    appliedAt: subscription.couponAppliedAt ?? subscription.createdAt,
    periodStart,
    invoicesSinceApplied: await invoicesSinceCouponApplied(tx, subscription),
  });
  if (discount > 0) {
    lines.push({
      kind: "adjustment",
      description: describeCoupon(coupon),
      unitAmountCents: -discount,
      amountCents: -discount,
    });
  }
  return lines;
}
